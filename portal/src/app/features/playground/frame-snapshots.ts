import { LivenessSample } from './playground-token';

/**
 * The frames an attempt sends to the service: JPEGs of the unmirrored camera frame, at most
 * 640x480 (the camera's size, camera.ts). The service measures each turn's relief on the
 * face's landmarks and pixels, which 320x240 halves: rendered genuine heads were refused 4
 * times as often at 320x240 as at 640x480 (docs/liveness.md, Figures). Quality 0.8: a
 * rendered 640x480 frame with strong camera noise (sigma 8) encodes to 72 KB (98 KB at 0.85,
 * 46 KB clean), so the most snapshots a run takes (48) stay under the service's 4.5 MB of
 * JPEG per attempt (bff/src/playground/liveness-limits.ts).
 */
const MAX_WIDTH = 640;
const MAX_HEIGHT = 480;
const JPEG_QUALITY = 0.8;

export class FrameSnapshots {
  private readonly canvas = document.createElement('canvas');
  private readonly context = this.canvas.getContext('2d');
  private readonly encoded: Promise<LivenessSample>[] = [];

  /** Draws the frame now (toBlob copies the canvas at once) and encodes it in the background. */
  capture(source: CanvasImageSource, width: number, height: number, t: number): void {
    if (!this.context) return;
    const scale = Math.min(1, MAX_WIDTH / width, MAX_HEIGHT / height);
    this.canvas.width = Math.round(width * scale);
    this.canvas.height = Math.round(height * scale);
    this.context.drawImage(source, 0, 0, this.canvas.width, this.canvas.height);
    this.encoded.push(
      new Promise<Blob>((resolve, reject) =>
        this.canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('A frame could not be encoded.'))),
          'image/jpeg',
          JPEG_QUALITY,
        ),
      ).then(async (blob) => ({ t: Math.round(t), image: await toBase64(blob) })),
    );
  }

  /** The frames captured so far, in capture order; one that failed to encode is left out. */
  async collect(): Promise<LivenessSample[]> {
    const settled = await Promise.allSettled(this.encoded);
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

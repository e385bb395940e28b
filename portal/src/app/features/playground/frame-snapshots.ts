import { LivenessSample } from './playground-token';

/**
 * The frames an attempt sends to the service: downscaled JPEGs of the unmirrored camera
 * frame. 320x240 keeps 60 frames near 2 MB while BlazeFace (128x128 input) loses nothing.
 */
const MAX_WIDTH = 320;
const MAX_HEIGHT = 240;
const JPEG_QUALITY = 0.85;

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

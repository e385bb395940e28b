import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import jpeg from "jpeg-js";

/**
 * A still face for Chromium's fake camera, made at test time from face-api's demo photo
 * (never committed as a binary): the middle person's face, cropped as
 * common/face/blazeface.test.ts crops it, scaled into a 640x480 frame with grey sides.
 */
const require = createRequire(import.meta.url);
const GROUP_PHOTO = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", "sample1.jpg");
const MIDDLE_FACE = { x: 680, y: 280, width: 500, height: 500 };
export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;
const BACKGROUND = 128;

export interface RgbaFrame {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The face, 480x480 in the middle of a 640x480 RGBA frame. */
export function stillFaceFrame(): RgbaFrame {
  const photo = jpeg.decode(readFileSync(GROUP_PHOTO), { useTArray: true, formatAsRGBA: true });
  const data = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT * 4).fill(BACKGROUND);
  const size = FRAME_HEIGHT;
  const left = (FRAME_WIDTH - size) / 2;
  const scale = MIDDLE_FACE.width / size;
  for (let y = 0; y < size; y++) {
    const sy = Math.min(MIDDLE_FACE.height - 1, Math.max(0, (y + 0.5) * scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(MIDDLE_FACE.height - 1, y0 + 1);
    for (let x = 0; x < size; x++) {
      const sx = Math.min(MIDDLE_FACE.width - 1, Math.max(0, (x + 0.5) * scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(MIDDLE_FACE.width - 1, x0 + 1);
      const at = (px: number, py: number, channel: number) =>
        photo.data[((MIDDLE_FACE.y + py) * photo.width + MIDDLE_FACE.x + px) * 4 + channel]!;
      const out = (y * FRAME_WIDTH + left + x) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const top = at(x0, y0, channel) + (at(x1, y0, channel) - at(x0, y0, channel)) * (sx - x0);
        const bottom = at(x0, y1, channel) + (at(x1, y1, channel) - at(x0, y1, channel)) * (sx - x0);
        data[out + channel] = Math.round(top + (bottom - top) * (sy - y0));
      }
      data[out + 3] = 255;
    }
  }
  return { data, width: FRAME_WIDTH, height: FRAME_HEIGHT };
}

/** BT.601 studio-range I420: a full Y plane, then U and V averaged over 2x2 pixels. */
export function toI420(frame: RgbaFrame): Buffer {
  const { data, width, height } = frame;
  const chromaWidth = width / 2;
  const chromaHeight = height / 2;
  const planes = Buffer.alloc(width * height + 2 * chromaWidth * chromaHeight);
  const uOffset = width * height;
  const vOffset = uOffset + chromaWidth * chromaHeight;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      planes[y * width + x] = ((66 * data[p]! + 129 * data[p + 1]! + 25 * data[p + 2]! + 128) >> 8) + 16;
    }
  }
  for (let cy = 0; cy < chromaHeight; cy++) {
    for (let cx = 0; cx < chromaWidth; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const p = ((2 * cy + dy) * width + 2 * cx + dx) * 4;
        r += data[p]!;
        g += data[p + 1]!;
        b += data[p + 2]!;
      }
      [r, g, b] = [r / 4, g / 4, b / 4];
      planes[uOffset + cy * chromaWidth + cx] = ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
      planes[vOffset + cy * chromaWidth + cx] = ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
    }
  }
  return planes;
}

/** A YUV4MPEG2 file of identical frames; Chromium plays it in a loop. */
export function toY4m(frame: RgbaFrame, frameCount = 3, fps = 15): Buffer {
  const header = Buffer.from(`YUV4MPEG2 W${frame.width} H${frame.height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const planes = toI420(frame);
  const frames = Array.from({ length: frameCount }, () => [Buffer.from("FRAME\n"), planes]).flat();
  return Buffer.concat([header, ...frames]);
}

/** Writes the still-face video and returns its path. */
export async function writeStillFaceVideo(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, toY4m(stillFaceFrame()));
  return file;
}

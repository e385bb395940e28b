import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { decodeJpeg, JpegDecodeError } from "./jpeg-decoder.ts";

const limits = { maxPixels: 1280 * 720, maxSide: 1280 };

function gradientJpeg(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, ((x + y) * 3) % 256, 255], (y * width + x) * 4);
  }
  return jpeg.encode({ data, width, height }, 90).data;
}

describe("decodeJpeg (libjpeg-turbo as WebAssembly)", () => {
  it("decodes a frame to the pixels jpeg-js reads, within rounding", () => {
    const bytes = gradientJpeg(160, 120);
    const image = decodeJpeg(bytes, limits);
    const reference = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    expect([image.width, image.height]).toEqual([160, 120]);
    let largest = 0;
    for (let i = 0; i < image.data.length; i++) largest = Math.max(largest, Math.abs(image.data[i] - reference.data[i]));
    expect(largest).toBeLessThanOrEqual(4);
  });

  it("refuses data that is not a JPEG, a truncated JPEG's garbage and a frame over the limits, and keeps decoding afterwards", () => {
    const bytes = gradientJpeg(64, 48);
    expect(() => decodeJpeg(Buffer.from("not a jpeg at all"), limits)).toThrow(JpegDecodeError);
    expect(() => decodeJpeg(Buffer.concat([bytes.subarray(0, 200), Buffer.alloc(4000, 7)]), limits)).toThrow(JpegDecodeError);
    expect(() => decodeJpeg(bytes, { maxPixels: 64 * 47, maxSide: 1280 })).toThrow(/64x48/);
    expect(() => decodeJpeg(bytes, { maxPixels: 1e6, maxSide: 63 })).toThrow(JpegDecodeError);
    for (let i = 0; i < 50; i++) expect(() => decodeJpeg(Buffer.concat([bytes.subarray(0, 300), Buffer.alloc(3000, i)]), limits)).toThrow(JpegDecodeError);
    expect(decodeJpeg(bytes, limits)).toMatchObject({ width: 64, height: 48 });
  });
});

import { BadRequestError, PayloadTooLargeError } from "../errors.ts";
import { jpegDimensions } from "./jpeg-dimensions.ts";
import { dataUrlPrefix, maxAttemptBytes, maxAttemptPixels, maxFrameBytes, maxFramePixels, maxFrameSide } from "./liveness-limits.ts";
import { livenessBody } from "./liveness.schema.ts";

/**
 * The frames of a liveness attempt as JPEG bytes, checked against liveness-limits.ts from
 * their headers alone (no decoding happens on the event loop):
 * - a frame without a readable JPEG frame header, or over its own caps: 400 naming it;
 * - all frames over the attempt's pixel or byte budget: 413 naming the budget.
 */
export interface AttemptFrame {
  t: number;
  jpeg: Buffer<ArrayBuffer>;
}

const megapixels = (pixels: number) => `${(pixels / 1e6).toFixed(2)} megapixels`;

export function attemptFrames(body: unknown): AttemptFrame[] {
  let pixels = 0;
  let bytes = 0;
  return livenessBody.parse(body).frames.map((frame, index) => {
    const name = `Frame ${index + 1}`;
    const jpeg = Buffer.from(frame.image.startsWith(dataUrlPrefix) ? frame.image.slice(dataUrlPrefix.length) : frame.image, "base64");
    const size = jpegDimensions(jpeg);
    if (!size) throw new BadRequestError(`${name} is not a readable JPEG image.`, "InvalidSample");
    if (jpeg.length > maxFrameBytes) throw new BadRequestError(`${name} has ${jpeg.length} bytes; a frame may have at most ${maxFrameBytes}.`, "FrameTooLarge");
    if (size.width * size.height > maxFramePixels || Math.max(size.width, size.height) > maxFrameSide) {
      throw new BadRequestError(`${name} is ${size.width}x${size.height}; a frame may be at most 1280x720 (either orientation).`, "FrameTooLarge");
    }
    pixels += size.width * size.height;
    bytes += jpeg.length;
    if (pixels > maxAttemptPixels) {
      throw new PayloadTooLargeError(`The frames have more than ${megapixels(maxAttemptPixels)} together; send fewer or smaller frames.`, "AttemptTooLarge");
    }
    if (bytes > maxAttemptBytes) {
      throw new PayloadTooLargeError(`The frames have more than ${maxAttemptBytes} bytes of JPEG together; send fewer or smaller frames.`, "AttemptTooLarge");
    }
    return { t: frame.t, jpeg };
  });
}

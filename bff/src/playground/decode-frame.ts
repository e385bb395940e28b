import type { RgbaImage } from "../../../common/face/blazeface.js";
import { BadRequestError } from "../errors.ts";
import { decodeJpeg } from "./jpeg-decoder.ts";
import { maxFramePixels, maxFrameSide } from "./liveness-limits.ts";

/** Decodes a posted frame within the frame caps; a frame that cannot be decoded is the client's error (400 naming it). */
export function decodeFrame(bytes: Uint8Array, index: number): RgbaImage {
  try {
    return decodeJpeg(bytes, { maxPixels: maxFramePixels, maxSide: maxFrameSide });
  } catch {
    throw new BadRequestError(`Frame ${index + 1} is not a readable JPEG image of at most 1280x720 pixels.`, "InvalidSample");
  }
}

/**
 * Width and height of a JPEG from its frame header (SOFn), read without decoding, so an
 * oversized frame is refused before any work is spent on it. Rules:
 * - The data must start with SOI; markers are walked by their lengths up to the first scan.
 * - Exactly one frame header must come before the first scan; none or two give undefined.
 */
export interface JpegDimensions {
  width: number;
  height: number;
}

const startOfImage = 0xd8;
const startOfScan = 0xda;
const endOfImage = 0xd9;

/** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field: TEM and the restart markers. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

export function jpegDimensions(bytes: Uint8Array): JpegDimensions | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== startOfImage) return undefined;
  let found: JpegDimensions | undefined;
  let offset = 2;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (isStandalone(marker)) {
      offset += 2;
      continue;
    }
    if (marker === startOfScan || marker === endOfImage || marker === startOfImage) break;
    if (offset + 4 > bytes.length) return undefined;
    const length = (bytes[offset + 2] << 8) | bytes[offset + 3];
    if (length < 2) return undefined;
    if (isFrameHeader(marker)) {
      if (found || length < 8 || offset + 9 > bytes.length) return undefined;
      found = { height: (bytes[offset + 5] << 8) | bytes[offset + 6], width: (bytes[offset + 7] << 8) | bytes[offset + 8] };
    }
    offset += 2 + length;
  }
  return found && found.width > 0 && found.height > 0 ? found : undefined;
}

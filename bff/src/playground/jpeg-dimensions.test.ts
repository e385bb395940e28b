import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { jpegDimensions } from "./jpeg-dimensions.ts";

/** Frame dimensions come from the JPEG header alone; anything that is not one clear frame header gives undefined. */
describe("jpegDimensions", () => {
  const image = jpeg.encode({ data: Buffer.alloc(300 * 200 * 4, 90), width: 300, height: 200 }, 80).data;
  const sof = image.indexOf(Buffer.from([0xff, 0xc0]));

  it("reads width and height from the frame header", () => {
    expect(jpegDimensions(image)).toEqual({ width: 300, height: 200 });
  });

  it("skips fill bytes between markers", () => {
    const filled = Buffer.concat([image.subarray(0, sof), Buffer.from([0xff, 0xff]), image.subarray(sof)]);
    expect(jpegDimensions(filled)).toEqual({ width: 300, height: 200 });
  });

  it.each([
    ["data that is not a JPEG", Buffer.from("not a jpeg at all")],
    ["a header cut off inside the frame header", image.subarray(0, sof + 6)],
    ["a header without a frame header before the scan", Buffer.concat([image.subarray(0, sof), image.subarray(sof + 2 + image.readUInt16BE(sof + 2))])],
    ["two frame headers", Buffer.concat([image.subarray(0, sof + 2 + image.readUInt16BE(sof + 2)), image.subarray(sof)])],
    ["a frame header of zero height", Buffer.concat([image.subarray(0, sof + 5), Buffer.from([0, 0]), image.subarray(sof + 7)])],
  ])("gives undefined for %s", (_case, bytes) => {
    expect(jpegDimensions(bytes)).toBeUndefined();
  });
});

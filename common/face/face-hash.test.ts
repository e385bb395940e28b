import { describe, expect, it } from "vitest";
import { ALIGNED_SIZE } from "./aligned-face.js";
import { bandWithNeighbours, faceHash, hammingDistance, hashBands, mirrorAligned } from "./face-hash.js";
import { gaussian, seededRandom } from "./testing/seeded-random.js";

/** A face-like picture: two dark eyes, a nose shadow shifted by `turn` pixels, a mouth. */
function picture(turn = 0): Float32Array {
  const out = new Float32Array(ALIGNED_SIZE * ALIGNED_SIZE);
  const blob = (x: number, y: number, cx: number, cy: number, r: number) => Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r));
  for (let y = 0; y < ALIGNED_SIZE; y++) {
    for (let x = 0; x < ALIGNED_SIZE; x++) {
      out[y * ALIGNED_SIZE + x] =
        180 - 90 * blob(x, y, 10, 11, 2) - 90 * blob(x, y, 22, 11, 2) - 50 * blob(x, y, 16 + turn, 18, 2.5) - 70 * blob(x, y, 16 + turn / 2, 25, 3) + 20 * (x / ALIGNED_SIZE);
    }
  }
  return out;
}

describe("faceHash", () => {
  it("stays within a few bits under noise and a brightness change", () => {
    const normal = gaussian(seededRandom(3));
    const noisy = picture().map((v) => v * 0.9 + 12 + normal() * 3);
    expect(hammingDistance(faceHash(picture()), faceHash(noisy))).toBeLessThanOrEqual(6);
  });

  it("changes many bits when the head turns", () => {
    expect(hammingDistance(faceHash(picture()), faceHash(picture(5)))).toBeGreaterThan(10);
  });

  it("recognises a mirrored picture by its mirrored hash", () => {
    const turned = picture(4);
    const mirrored = mirrorAligned(turned);
    expect(hammingDistance(faceHash(mirrorAligned(mirrored)), faceHash(turned))).toBe(0);
    expect(hammingDistance(faceHash(mirrored), faceHash(turned))).toBeGreaterThan(6);
  });

  it("splits a hash into four 16-bit bands that hashes within 3 bits share", () => {
    const hash = faceHash(picture(2));
    const flipped = hash ^ (1n << 3n) ^ (1n << 20n) ^ (1n << 40n);
    const shared = hashBands(hash).filter((band, i) => band === hashBands(flipped)[i]);
    expect(shared.length).toBeGreaterThanOrEqual(1);
    expect(hashBands(hash).every((band) => band >= -32768 && band <= 32767)).toBe(true);
  });

  it("lists a band with the 16 bands one bit away, so a hash that differs in every band by a bit is still found", () => {
    const hash = faceHash(picture(2));
    const flipped = BigInt.asIntN(64, hash ^ (1n << 3n) ^ (1n << 20n) ^ (1n << 40n) ^ (1n << 63n));
    hashBands(flipped).forEach((band, i) => {
      expect(band).not.toBe(hashBands(hash)[i]);
      expect(bandWithNeighbours(band)).toContain(hashBands(hash)[i]);
    });
    for (const edge of [-32768, 32767]) {
      const near = bandWithNeighbours(edge);
      expect(new Set(near).size).toBe(17);
      expect(near.every((band) => band >= -32768 && band <= 32767)).toBe(true);
    }
  });
});

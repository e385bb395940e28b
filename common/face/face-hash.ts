import { ALIGNED_SIZE } from "./aligned-face.js";

/**
 * A 64-bit perceptual hash of an aligned face picture (aligned-face.ts), to recognise a
 * frame posted before even after re-encoding, added noise, a brightness change or a new
 * place and size in the frame: the signs of the 8x8 lowest frequencies of its DCT
 * against their median (the DC term, brightness, always 0). Hashes of one frame
 * re-encoded stay within a few bits; a head turned a few degrees further changes many.
 */

const LOW = 8;
const cosines = Array.from({ length: LOW }, (_, k) =>
  Float64Array.from({ length: ALIGNED_SIZE }, (_, n) => Math.cos(((2 * n + 1) * k * Math.PI) / (2 * ALIGNED_SIZE))),
);

export function faceHash(aligned: Float32Array): bigint {
  if (aligned.length !== ALIGNED_SIZE * ALIGNED_SIZE) throw new Error(`Expected a ${ALIGNED_SIZE}x${ALIGNED_SIZE} picture`);
  // Separable DCT-II restricted to the LOW x LOW corner.
  const rows = new Float64Array(ALIGNED_SIZE * LOW);
  for (let y = 0; y < ALIGNED_SIZE; y++) {
    for (let k = 0; k < LOW; k++) {
      let sum = 0;
      for (let x = 0; x < ALIGNED_SIZE; x++) sum += aligned[y * ALIGNED_SIZE + x] * cosines[k][x];
      rows[y * LOW + k] = sum;
    }
  }
  const coefficients = new Float64Array(LOW * LOW);
  for (let l = 0; l < LOW; l++) {
    for (let k = 0; k < LOW; k++) {
      let sum = 0;
      for (let y = 0; y < ALIGNED_SIZE; y++) sum += rows[y * LOW + k] * cosines[l][y];
      coefficients[l * LOW + k] = sum;
    }
  }
  const ac = Array.from(coefficients.subarray(1)).sort((a, b) => a - b);
  const median = (ac[31] + ac[32]) / 2;
  let hash = 0n;
  for (let i = 1; i < LOW * LOW; i++) if (coefficients[i] > median) hash |= 1n << BigInt(i);
  return BigInt.asIntN(64, hash);
}

/** The picture mirrored left to right: a replayed turn to the left, mirrored, answers "right". */
export function mirrorAligned(aligned: Float32Array): Float32Array {
  const out = new Float32Array(aligned.length);
  for (let y = 0; y < ALIGNED_SIZE; y++) {
    for (let x = 0; x < ALIGNED_SIZE; x++) out[y * ALIGNED_SIZE + x] = aligned[y * ALIGNED_SIZE + ALIGNED_SIZE - 1 - x];
  }
  return out;
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let count = 0;
  while (x) {
    x &= x - 1n;
    count++;
  }
  return count;
}

/** The hash's four 16-bit bands: two hashes within 3 bits share at least one band exactly. */
export function hashBands(hash: bigint): [number, number, number, number] {
  const unsigned = BigInt.asUintN(64, hash);
  return [0, 1, 2, 3].map((b) => Number((unsigned >> BigInt(16 * b)) & 0xffffn) - 0x8000) as [number, number, number, number];
}

/** A band of hashBands and the 16 bands one bit away from it, for lookups that allow more bits than 3. */
export function bandWithNeighbours(band: number): number[] {
  return [band, ...Array.from({ length: 16 }, (_, bit) => ((band + 0x8000) ^ (1 << bit)) - 0x8000)];
}

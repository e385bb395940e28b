import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FramePrint } from "../../../common/face/attempt-judge.js";
import type { Database } from "../db/database.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { FramePrintStore, matchedFrames, MAX_HASH_DISTANCE, MIN_MIRRORED_TURN_FRAMES } from "./frame-print-store.ts";

/** The replay store on a real database: turn segments posted before are recognised, a still pose alone is not. */
const hash = (seed: number): bigint => BigInt.asIntN(64, BigInt(Math.imul(seed, 2654435761) >>> 0) * 0x100000001n + BigInt(seed * 7919));
const place = { x: 0.4, y: 0.3, size: 0.25 };
const print = (frame: number, h: bigint, turn: number, mirrored: bigint = h ^ 0x5555n, at = place): FramePrint => ({ frame, hash: h, mirroredHash: mirrored, turn, place: at });

describe("matchedFrames", () => {
  it("counts the pairs of posted and stored frames that can be made with each frame used once", () => {
    expect(matchedFrames(new Map([[1, [10]], [2, [10]], [3, [10]]]))).toBe(1);
    // Frame 1 gives up stored frame 10 to frame 2, whose only match it is.
    expect(matchedFrames(new Map([[1, [10, 11]], [2, [10]], [3, [12]]]))).toBe(3);
    expect(matchedFrames(new Map())).toBe(0);
  });
});

describe("FramePrintStore", () => {
  let db: Database;
  let store: FramePrintStore;
  const neutral = [print(0, hash(1), 0), print(1, hash(2), 0.1)];
  const turn = [print(2, hash(3), 0.6), print(3, hash(4), 1.2), print(4, hash(5), 1.5), print(5, hash(6), 1.8), print(6, hash(7), 1.9)];

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new FramePrintStore(db.prisma, { retentionDays: 30 });
    await store.record([...neutral, ...turn]);
  });
  afterAll(async () => db?.close());

  it("finds an attempt that reuses a turn's frames, in another order and re-encoded (a few bits off)", async () => {
    const replay = [print(0, hash(1), 0), ...[...turn].reverse().map((p, i) => print(i + 1, p.hash ^ 0b101n, p.turn))];
    const match = await store.findReplay(replay);
    // Frame 5 (0.6 thresholds turned) is short of a full turn threshold and does not count.
    expect(match?.frames).toEqual([1, 2, 3, 4]);
    // Three of its frames are not enough (MIN_REPEATED_TURN_FRAMES).
    expect(await store.findReplay(replay.slice(0, 4))).toBeUndefined();
  });

  it("pairs frames one to one: turned frames of a new capture that all resemble one stored frame are no replay", async () => {
    const at = { x: 0.2, y: 0.6, size: 0.2 };
    const h = hash(600);
    // A neutral frame h, and four turned frames 4 bits apart from h in four places of its first 16 bits.
    await store.record([print(0, h, 0, 0n, at), ...[0xfn, 0xf0n, 0xf00n, 0xf000n].map((bits, i) => print(i + 1, h ^ bits, 1.2 + 0.3 * i, 0n, at))]);
    // The first new frame is h itself (within 4 bits of every stored one); the other three
    // lie 3 bits from h elsewhere: they match the neutral frame h, and lie 7 bits or more
    // from every turned one.
    const capture = [h, h ^ 0x70000n, h ^ 0x700000n, h ^ 0x7000000n].map((hashed, i) => print(i + 1, hashed, 1.2 + 0.3 * i, 0n, at));
    // Four frames matched four frames, but only two pairs are one to one.
    expect(await store.findReplay(capture)).toBeUndefined();
    // The same four stored frames, each posted again, are a replay.
    const replay = [0n, 0xfn, 0xf0n, 0xf00n].map((bits, i) => print(i + 1, h ^ bits ^ (1n << 30n), 1.2 + 0.3 * i, 0n, at));
    expect((await store.findReplay(replay))?.frames).toEqual([1, 2, 3, 4]);
  });

  it("finds a turn replayed mirrored (to answer the other side) as a whole: each frame's mirrored picture some bits off in every band, its box a little off the mirrored place", async () => {
    const long = [2, 3, 4, 5, 6, 7].map((frame, i) => print(frame, hash(500 + i), 1.2 + 0.2 * i, 0n, { x: 0.55, y: 0.3, size: 0.25 }));
    await store.record(long);
    // Eight bits off, at least one in each 16-bit band: no band of the mirrored picture's hash is the stored one.
    const bits = (1n << 0n) | (1n << 16n) | (1n << 32n) | (1n << 48n) | (1n << 5n) | (1n << 40n) | (1n << 10n) | (1n << 60n);
    const mirroredPlace = { x: 1 - 0.55 + 0.008, y: 0.3 + 0.004, size: 0.25 * 1.04 };
    const mirrored = long.map((p, i) => print(i + 1, hash(700 + i), p.turn, BigInt.asIntN(64, p.hash ^ bits), mirroredPlace));
    expect((await store.findReplay(mirrored))?.frames).toEqual([1, 2, 3, 4, 5, 6]);
    // A face photographed turned reads a box up to 10% larger or smaller mirrored (face s1-485).
    const turnedFace = mirrored.map((p) => ({ ...p, place: { ...p.place, size: 0.25 * 1.1 } }));
    expect((await store.findReplay(turnedFace))?.frames).toEqual([1, 2, 3, 4, 5, 6]);
    // Fewer mirrored frames than MIN_MIRRORED_TURN_FRAMES are not enough at these tolerances.
    expect(await store.findReplay(mirrored.slice(0, MIN_MIRRORED_TURN_FRAMES - 1))).toBeUndefined();
    // Frames not mirrored are held to the direct tolerances: the same offsets are a new capture.
    const shifted = long.map((p, i) => print(i + 1, BigInt.asIntN(64, p.hash ^ bits), p.turn, hash(800 + i), { x: 0.55 + 0.008, y: 0.304, size: 0.26 }));
    expect(await store.findReplay(shifted)).toBeUndefined();
  });

  it("does not take alike frames of a new capture, the face elsewhere in the frame, for a replay", async () => {
    const elsewhere = turn.map((p) => print(p.frame, p.hash, p.turn, 0n, { ...place, x: place.x + 0.05 }));
    expect(await store.findReplay(elsewhere)).toBeUndefined();
    const larger = turn.map((p) => print(p.frame, p.hash, p.turn, 0n, { ...place, size: place.size * 1.1 }));
    expect(await store.findReplay(larger)).toBeUndefined();
  });

  it("does not take a person facing the camera, or holding one pose, for a replay", async () => {
    const still = [print(0, hash(1), 0), print(1, hash(2), 0.1), print(2, hash(900), 0.7), print(3, hash(901), 1.4)];
    expect(await store.findReplay(still)).toBeUndefined();
    const held = [print(0, hash(6), 1.8), print(1, hash(7), 1.9), print(2, hash(7), 1.9), print(3, hash(6), 1.8)];
    expect(await store.findReplay(held)).toBeUndefined();
  });

  it("counts only frames turned past the full turn threshold: frames barely turned and one turned frame are no replay", async () => {
    const barely = [print(0, hash(300), 0), print(1, hash(301), 0.5), print(2, hash(302), 0.6), print(3, hash(303), 0.9), print(4, hash(304), 1.5)];
    await store.record(barely);
    expect(await store.findReplay(barely)).toBeUndefined();
  });

  it("does not match hashes further apart than MAX_HASH_DISTANCE bits", async () => {
    const far = turn.map((p) => print(p.frame, p.hash ^ ((1n << BigInt(MAX_HASH_DISTANCE + 1)) - 1n), p.turn, 0n));
    expect(await store.findReplay(far)).toBeUndefined();
  });
});

import { randomUUID } from "node:crypto";
import type { FramePrint } from "../../../common/face/attempt-judge.js";
import { bandWithNeighbours, hammingDistance, hashBands } from "../../../common/face/face-hash.js";
import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * The replay store: fingerprints (face-hash.ts) of every frame posted for liveness
 * detection, shared by all instances through the database. Rules:
 *
 * - Every judged attempt's frames are recorded, accepted or not: frames posted before
 *   are refused whatever became of them.
 * - An attempt repeats an earlier one when at least MIN_REPEATED_TURN_FRAMES of its frames
 *   taken while the head was turned (at least MIN_TURN turn thresholds) match as many
 *   frames of that one attempt, one to one (`matchedFrames`), and those frames span at
 *   least MIN_REPEATED_TURN_SPAN thresholds of turn: turns were reused, in any order,
 *   mirrored or re-encoded. A frame matches when its hash (or mirrored hash) is within
 *   MAX_HASH_DISTANCE bits and the face sits at the same place in the frame (or the
 *   mirrored place), within MAX_PLACE_SHIFT of the frame's width and MAX_SIZE_CHANGE of
 *   its size. Frames facing the camera, and a
 *   held pose alone, do not count; and the same person turning alike in a new capture
 *   is not in the same place to the pixel (the rendered genuine test set collided in
 *   hashes between attempts of one face until the place was compared).
 * - A mirrored frame is matched with wider tolerances (MAX_MIRRORED_*), and an attempt
 *   whose matching frames are all mirrored needs MIN_MIRRORED_TURN_FRAMES of them. The
 *   face models are not symmetric: a frame mirrored reads a face box about 0.4% of the
 *   width off the mirrored place and 2% larger or smaller (up to 1.0% and 5.6% in nine
 *   frames of ten), and its aligned picture hashes about 6 bits from the mirrored picture
 *   (up to 10 in nine of ten). With the tolerances of a direct match, a whole recording
 *   mirrored, posted for the mirrored challenges, was recognised 27 times in 54 (tuning
 *   faces, seeds 15000-15047); with these, 53 in 54. The candidates' bands of a mirrored
 *   hash are read with every one-bit change too, since at 10 bits no band need match.
 *   The box of a face photographed turned changes its size more when mirrored: the bench
 *   of 7 December, 21:25, accepted a mirrored recording of face s1-485 (its photo turned
 *   about 33°) whose frames read a box 6-10% larger or smaller, hence MAX_MIRRORED_SIZE_CHANGE.
 * - Fingerprints are kept `retentionDays` (LIVENESS_PRINT_RETENTION_DAYS).
 */

export const MAX_HASH_DISTANCE = 6;
/**
 * Four since 8 December (three before), matched one to one. Tuning faces at 640×480 (seeds
 * 82000-82639, 280 genuine attempts, 40 per face of seven, each judged against all before
 * it): three frames, as many stored, took 19 new captures for replays; four matched one to
 * one take 7. Every replay re-encoded, re-ordered or mirrored of that set and of seeds
 * 80000-81500 (21 and 189) is still recognised: a replay repeats each of its turned frames
 * (11-20 in those attempts, 18 at the median).
 */
export const MIN_REPEATED_TURN_FRAMES = 4;
export const MIN_REPEATED_TURN_SPAN = 0.55;
export const MAX_PLACE_SHIFT = 0.005;
export const MAX_SIZE_CHANGE = 0.02;
export const MAX_MIRRORED_HASH_DISTANCE = 10;
export const MAX_MIRRORED_PLACE_SHIFT = 0.01;
/** 5% until 8 December. On the 280 genuine attempts above, 12% takes no more new captures for replays than 5% did. */
export const MAX_MIRRORED_SIZE_CHANGE = 0.12;
export const MIN_MIRRORED_TURN_FRAMES = 5;
/**
 * In turn thresholds (landmark-pose.ts, 4.5° yaw / 3.5° pitch): about 5° and 3.9°, where
 * one threshold counted while the thresholds were 5°/4°. Half of one counted when the
 * thresholds were 9°/8°; at 2.5° frames of a new capture barely turned matched an earlier
 * capture of the same face often enough to refuse a genuine attempt (bench, 1 of 80).
 */
export const MIN_TURN = 1.1;
/** Candidates read per attempt at most; one band's collisions among unrelated faces stay far below. */
const MAX_CANDIDATES = 20_000;

export interface ReplayMatch {
  attemptId: string;
  /** Posted frames (indices) that repeat frames of that attempt. */
  frames: number[];
}

interface CandidateRow {
  attempt_id: string;
  frame: number;
  hash: bigint;
  place_x: number;
  place_y: number;
  place_size: number;
}

/**
 * How many posted frames can be paired with stored frames, each used once (a maximum
 * bipartite matching, by augmenting paths: a few dozen frames at most). A replay repeats
 * each frame; a new capture of the same face often matches one stored frame with several
 * of its own, or several stored frames of different turns with one.
 */
export function matchedFrames(pairs: ReadonlyMap<number, readonly number[]>): number {
  const owner = new Map<number, number>();
  const augment = (frame: number, seen: Set<number>): boolean => {
    for (const stored of pairs.get(frame) ?? []) {
      if (seen.has(stored)) continue;
      seen.add(stored);
      const holder = owner.get(stored);
      if (holder === undefined || augment(holder, seen)) {
        owner.set(stored, frame);
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (const frame of pairs.keys()) if (augment(frame, new Set())) matched++;
  return matched;
}

export class FramePrintStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: { retentionDays: number },
  ) {}

  async findReplay(prints: readonly FramePrint[]): Promise<ReplayMatch | undefined> {
    const turned = prints.filter((p) => p.turn >= MIN_TURN);
    if (turned.length < MIN_REPEATED_TURN_FRAMES) return undefined;
    const bands = [0, 1, 2, 3].map((b) => [
      ...new Set(turned.flatMap((p) => [hashBands(p.hash)[b], ...bandWithNeighbours(hashBands(p.mirroredHash)[b])])),
    ]);
    // Faces hash alike: of 100,000 stored frames, 8,000 to more than MAX_CANDIDATES shared
    // a band with an attempt's. Only those at a place a match can have are read, so the
    // candidates stay few as the store grows and the cap does not cut a replay's frames off.
    const xs = turned.map((p) => p.place.x);
    const ys = turned.map((p) => p.place.y);
    const rows = await this.prisma.$queryRawUnsafe<CandidateRow[]>(
      `SELECT "attempt_id"::text AS "attempt_id", "frame", "hash", "place_x", "place_y", "place_size" FROM "liveness_frame_prints"
       WHERE "at" > now() - make_interval(days => $5::int)
         AND ("band_0" = ANY($1::smallint[]) OR "band_1" = ANY($2::smallint[]) OR "band_2" = ANY($3::smallint[]) OR "band_3" = ANY($4::smallint[]))
         AND "place_y" BETWEEN $6::float8 AND $7::float8
         AND ("place_x" BETWEEN $8::float8 AND $9::float8 OR "place_x" BETWEEN $10::float8 AND $11::float8)
       LIMIT ${MAX_CANDIDATES}`,
      bands[0],
      bands[1],
      bands[2],
      bands[3],
      this.options.retentionDays,
      Math.min(...ys) - MAX_MIRRORED_PLACE_SHIFT,
      Math.max(...ys) + MAX_MIRRORED_PLACE_SHIFT,
      Math.min(...xs) - MAX_PLACE_SHIFT,
      Math.max(...xs) + MAX_PLACE_SHIFT,
      1 - Math.max(...xs) - MAX_MIRRORED_PLACE_SHIFT,
      1 - Math.min(...xs) + MAX_MIRRORED_PLACE_SHIFT,
    );
    const byAttempt = new Map<string, { pairs: Map<number, number[]>; turns: Map<number, number>; direct: boolean }>();
    for (const row of rows) {
      const stored = BigInt(row.hash);
      for (const print of turned) {
        const samePlace = (x: number, shift: number, sizeChange: number) =>
          Math.abs(x - row.place_x) <= shift && Math.abs(print.place.y - row.place_y) <= shift && Math.abs(print.place.size - row.place_size) <= sizeChange * row.place_size;
        // The place first: it rules out nearly every candidate for less than a hash comparison costs.
        const direct = samePlace(print.place.x, MAX_PLACE_SHIFT, MAX_SIZE_CHANGE) && hammingDistance(print.hash, stored) <= MAX_HASH_DISTANCE;
        const mirrored =
          samePlace(1 - print.place.x, MAX_MIRRORED_PLACE_SHIFT, MAX_MIRRORED_SIZE_CHANGE) && hammingDistance(print.mirroredHash, stored) <= MAX_MIRRORED_HASH_DISTANCE;
        if (!direct && !mirrored) continue;
        const entry = byAttempt.get(row.attempt_id) ?? { pairs: new Map<number, number[]>(), turns: new Map<number, number>(), direct: false };
        entry.direct ||= direct;
        const storedFrames = entry.pairs.get(print.frame) ?? [];
        storedFrames.push(row.frame);
        entry.pairs.set(print.frame, storedFrames);
        entry.turns.set(print.frame, print.turn);
        byAttempt.set(row.attempt_id, entry);
      }
    }
    for (const [attemptId, entry] of byAttempt) {
      const turns = [...entry.turns.values()];
      const span = Math.max(...turns) - Math.min(...turns);
      const needed = entry.direct ? MIN_REPEATED_TURN_FRAMES : MIN_MIRRORED_TURN_FRAMES;
      if (span >= MIN_REPEATED_TURN_SPAN && matchedFrames(entry.pairs) >= needed) {
        return { attemptId, frames: [...entry.pairs.keys()].sort((a, b) => a - b) };
      }
    }
    return undefined;
  }

  /** Records the attempt's frames; returns the id they are kept under. */
  async record(prints: readonly FramePrint[]): Promise<string> {
    const attemptId = randomUUID();
    if (prints.length === 0) return attemptId;
    await this.prisma.livenessFramePrint.createMany({
      data: prints.map((p) => {
        const [band0, band1, band2, band3] = hashBands(p.hash);
        return { attemptId, frame: p.frame, hash: p.hash, band0, band1, band2, band3, turn: p.turn, placeX: p.place.x, placeY: p.place.y, placeSize: p.place.size };
      }),
    });
    return attemptId;
  }

  async purge(): Promise<void> {
    await this.prisma.livenessFramePrint.deleteMany({ where: { at: { lt: new Date(Date.now() - this.options.retentionDays * 86_400_000) } } });
  }
}

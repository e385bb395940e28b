import { randomUUID } from "node:crypto";
import type { FramePrint } from "../../../common/face/attempt-judge.js";
import { hammingDistance, hashBands } from "../../../common/face/face-hash.js";
import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * The replay store: fingerprints (face-hash.ts) of every frame posted for liveness
 * detection, shared by all instances through the database. Rules:
 *
 * - Every judged attempt's frames are recorded, accepted or not: frames posted before
 *   are refused whatever became of them.
 * - An attempt repeats an earlier one when at least MIN_REPEATED_TURN_FRAMES of its frames
 *   taken while the head was turned (at least MIN_TURN turn thresholds) match frames of
 *   that one attempt, and those frames span at least MIN_REPEATED_TURN_SPAN thresholds of
 *   turn: a segment of a turn was reused, in any order, mirrored or re-encoded. A frame
 *   matches when its hash (or mirrored hash) is within MAX_HASH_DISTANCE bits and the face
 *   sits at the same place in the frame (or the mirrored place), within MAX_PLACE_SHIFT of
 *   the frame's width and MAX_SIZE_CHANGE of its size. Frames facing the camera, and a
 *   held pose alone, do not count; and the same person turning alike in a new capture
 *   is not in the same place to the pixel (the rendered genuine test set collided in
 *   hashes between attempts of one face until the place was compared).
 * - Fingerprints are kept `retentionDays` (LIVENESS_PRINT_RETENTION_DAYS).
 */

export const MAX_HASH_DISTANCE = 6;
export const MIN_REPEATED_TURN_FRAMES = 3;
export const MIN_REPEATED_TURN_SPAN = 0.55;
export const MAX_PLACE_SHIFT = 0.005;
export const MAX_SIZE_CHANGE = 0.02;
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

export class FramePrintStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: { retentionDays: number },
  ) {}

  async findReplay(prints: readonly FramePrint[]): Promise<ReplayMatch | undefined> {
    const turned = prints.filter((p) => p.turn >= MIN_TURN);
    if (turned.length < MIN_REPEATED_TURN_FRAMES) return undefined;
    const hashes = turned.flatMap((p) => [p.hash, p.mirroredHash]);
    const bands = [0, 1, 2, 3].map((b) => [...new Set(hashes.map((h) => hashBands(h)[b]))]);
    const rows = await this.prisma.$queryRawUnsafe<CandidateRow[]>(
      `SELECT "attempt_id"::text AS "attempt_id", "frame", "hash", "place_x", "place_y", "place_size" FROM "liveness_frame_prints"
       WHERE "at" > now() - make_interval(days => $5::int)
         AND ("band_0" = ANY($1::smallint[]) OR "band_1" = ANY($2::smallint[]) OR "band_2" = ANY($3::smallint[]) OR "band_3" = ANY($4::smallint[]))
       LIMIT ${MAX_CANDIDATES}`,
      bands[0],
      bands[1],
      bands[2],
      bands[3],
      this.options.retentionDays,
    );
    const byAttempt = new Map<string, { current: Set<number>; stored: Set<number>; turns: number[] }>();
    for (const row of rows) {
      const stored = BigInt(row.hash);
      for (const print of turned) {
        const samePlace = (x: number) =>
          Math.abs(x - row.place_x) <= MAX_PLACE_SHIFT &&
          Math.abs(print.place.y - row.place_y) <= MAX_PLACE_SHIFT &&
          Math.abs(print.place.size - row.place_size) <= MAX_SIZE_CHANGE * row.place_size;
        const direct = hammingDistance(print.hash, stored) <= MAX_HASH_DISTANCE && samePlace(print.place.x);
        const mirrored = hammingDistance(print.mirroredHash, stored) <= MAX_HASH_DISTANCE && samePlace(1 - print.place.x);
        if (!direct && !mirrored) continue;
        const entry = byAttempt.get(row.attempt_id) ?? { current: new Set<number>(), stored: new Set<number>(), turns: [] };
        if (!entry.current.has(print.frame)) entry.turns.push(print.turn);
        entry.current.add(print.frame);
        entry.stored.add(row.frame);
        byAttempt.set(row.attempt_id, entry);
      }
    }
    for (const [attemptId, entry] of byAttempt) {
      const span = Math.max(...entry.turns) - Math.min(...entry.turns);
      if (entry.current.size >= MIN_REPEATED_TURN_FRAMES && entry.stored.size >= MIN_REPEATED_TURN_FRAMES && span >= MIN_REPEATED_TURN_SPAN) {
        return { attemptId, frames: [...entry.current].sort((a, b) => a - b) };
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

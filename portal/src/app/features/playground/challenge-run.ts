import { directionOf, estimateHeadPose, TURN_THRESHOLD, type Direction, type HeadPose } from '../../../../../common/face/head-pose.js';
import { KEYPOINT_COUNT, type Point } from '../../../../../common/face/keypoints.js';
import {
  decideLiveness,
  DEFAULT_TIME_LIMIT_MS,
  MIN_FRAMES_PER_CHALLENGE,
  type LivenessDecision,
  type LivenessFrame,
} from '../../../../../common/face/liveness.js';

/**
 * One liveness attempt as the browser runs it: which challenge is shown, whether the head
 * follows it, and when to take the snapshots that go to the server. Pure, so it is tested
 * with synthetic keypoints. Rules:
 *
 * - Times are milliseconds since the attempt started; frames arrive in time order.
 * - A lead-in of `leadInMs` facing the camera comes first. Its face frames give the neutral
 *   pose (per-axis median), because the server also takes its neutral pose from the first
 *   frames it gets.
 * - Challenges run one at a time. One passes when the head stays turned its way
 *   (directionOf against neutral) for `holdMs` without a break, and at least two snapshot
 *   intervals: the turn must show in two consecutive snapshots for the server's three-frame
 *   median. The next challenge starts at once.
 * - A challenge not passed within `timeLimitMs` of being shown ends the attempt. Its frames
 *   still go to the server: the server judges, the browser only gives feedback. The limit is
 *   capped so that lead-in plus limit stays within the server's time between turns.
 * - Snapshots are the frames that matter to the server, no closer than
 *   `minSnapshotIntervalMs`: every LEAD_IN_SNAPSHOT_MS facing the camera, then one each
 *   time the head has moved SNAPSHOT_TURN_STEP of a turn threshold along the current
 *   challenge's direction (the way out and back, the peak), and one every
 *   IDLE_SNAPSHOT_MS while it holds still (so that a challenge that times out still gives
 *   the server its three frames). At most `maxSnapshots`; the server judges at most 32 of
 *   them (the first three and then evenly spread), so the verdict stays quick.
 * - After the last challenge passes, recording goes on (at most `CLOSING_MS`) until the
 *   server has three snapshots per challenge, its minimum.
 */

export type ChallengeStatus = 'pending' | 'active' | 'passed' | 'timedOut';
export type RunPhase = 'leadIn' | 'challenge' | 'closing' | 'done';
export type RunOutcome = 'passed' | 'timedOut';

export interface ChallengeRunOptions {
  /** Time allowed for each challenge; at most the server's limit between turns. */
  readonly timeLimitMs?: number;
  readonly holdMs?: number;
  readonly leadInMs?: number;
  readonly maxSnapshots?: number;
  readonly minSnapshotIntervalMs?: number;
}

export interface ChallengeRunState {
  readonly phase: RunPhase;
  /** Index of the challenge shown, or -1 during the lead-in and once done. */
  readonly current: number;
  readonly statuses: readonly ChallengeStatus[];
  /** Time left for the current challenge (or the lead-in). */
  readonly remainingMs: number;
  /** How much of the hold the current challenge has, from 0 to 1. */
  readonly holdProgress: number;
  /** Where the head is turned relative to neutral; undefined while facing the camera or without a face. */
  readonly facing: Direction | undefined;
  readonly faceFound: boolean;
  readonly outcome: RunOutcome | undefined;
  readonly snapshots: number;
}

/** The server's limit between turns, less the lead-in, so that a local pass is in time there too. */
export const DEFAULT_CHALLENGE_TIME_LIMIT_MS = 4000;
export const DEFAULT_HOLD_MS = 500;
export const DEFAULT_LEAD_IN_MS = 600;
export const MAX_SNAPSHOTS = 48;
export const MIN_SNAPSHOT_INTERVAL_MS = 100;
export const LEAD_IN_SNAPSHOT_MS = 200;
export const IDLE_SNAPSHOT_MS = 300;
export const SNAPSHOT_TURN_STEP = 0.3;
export const CLOSING_MS = 1500;

export class ChallengeRun {
  private readonly timeLimitMs: number;
  private readonly holdMs: number;
  private readonly leadInMs: number;
  private readonly maxSnapshots: number;
  private readonly minSnapshotIntervalMs: number;

  private readonly frames: LivenessFrame[] = [];
  private readonly leadInPoses: HeadPose[] = [];
  private readonly statuses: ChallengeStatus[];
  private neutral: HeadPose | undefined;
  private phase: RunPhase = 'leadIn';
  private current = -1;
  private shownAt = 0;
  private holdingSince: number | undefined;
  private outcome: RunOutcome | undefined;
  private passedAt = 0;
  private lastSnapshotAt: number | undefined;
  private snapshotCount = 0;
  /** How far the head is turned along the current challenge, in turn thresholds, now and at the last snapshot. */
  private turnExtent = 0;
  private turnExtentAtSnapshot = 0;
  private latest: Pick<ChallengeRunState, 'facing' | 'faceFound'> & { t: number } = {
    t: 0,
    facing: undefined,
    faceFound: false,
  };

  constructor(
    readonly challenges: readonly Direction[],
    options: ChallengeRunOptions = {},
  ) {
    if (challenges.length === 0) throw new Error('A liveness attempt needs at least one challenge.');
    this.leadInMs = options.leadInMs ?? DEFAULT_LEAD_IN_MS;
    this.timeLimitMs = Math.min(
      options.timeLimitMs ?? DEFAULT_CHALLENGE_TIME_LIMIT_MS,
      DEFAULT_TIME_LIMIT_MS - this.leadInMs,
    );
    this.maxSnapshots = options.maxSnapshots ?? MAX_SNAPSHOTS;
    this.minSnapshotIntervalMs = options.minSnapshotIntervalMs ?? MIN_SNAPSHOT_INTERVAL_MS;
    // The turn must show in two snapshots for the server's three-frame median.
    this.holdMs = Math.max(options.holdMs ?? DEFAULT_HOLD_MS, 2 * this.minSnapshotIntervalMs);
    this.statuses = challenges.map(() => 'pending');
  }

  get done(): boolean {
    return this.phase === 'done';
  }

  /** Takes the detection of the frame captured at `t` (empty keypoints: no face). */
  addFrame(t: number, keypoints: readonly Point[]): ChallengeRunState {
    if (this.phase === 'done') return this.state();
    const faceFound = keypoints.length === KEYPOINT_COUNT;
    this.frames.push({ t, keypoints });
    const pose = faceFound ? estimateHeadPose(keypoints) : undefined;

    if (this.phase === 'closing') {
      this.latest = { t, faceFound, facing: undefined };
      if (this.snapshotCount >= this.minSnapshots || t - this.passedAt >= CLOSING_MS) this.finish('passed', t);
      return this.state();
    }
    if (this.phase === 'leadIn') {
      if (pose) this.leadInPoses.push(pose);
      this.latest = { t, faceFound, facing: undefined };
      if (t >= this.leadInMs && this.leadInPoses.length > 0) {
        this.neutral = medianPose(this.leadInPoses);
        this.show(0, t);
      } else if (t >= this.leadInMs + this.timeLimitMs) {
        this.finish('timedOut', t);
      }
      return this.state();
    }

    const facing = pose && this.neutral ? directionOf(pose, this.neutral) : undefined;
    this.latest = { t, faceFound, facing };
    const challenge = this.challenges[this.current];
    if (pose && this.neutral) this.turnExtent = turnExtent(pose, this.neutral, challenge);
    if (facing === challenge) {
      this.holdingSince ??= t;
      if (t - this.holdingSince >= this.holdMs) {
        this.statuses[this.current] = 'passed';
        if (this.current + 1 < this.challenges.length) this.show(this.current + 1, t);
        else this.close(t);
        return this.state();
      }
    } else {
      this.holdingSince = undefined;
    }
    if (t - this.shownAt > this.timeLimitMs) this.finish('timedOut', t);
    return this.state();
  }

  /** Whether to take a snapshot of the frame captured at `t`; counts it when so. */
  takeSnapshot(t: number): boolean {
    if (this.phase === 'done' || this.snapshotCount >= this.maxSnapshots) return false;
    const since = this.lastSnapshotAt === undefined ? Number.POSITIVE_INFINITY : t - this.lastSnapshotAt;
    if (since < this.minSnapshotIntervalMs) return false;
    const moved = Math.abs(this.turnExtent - this.turnExtentAtSnapshot) >= SNAPSHOT_TURN_STEP;
    const take =
      this.phase === 'challenge' ? moved || since >= IDLE_SNAPSHOT_MS : this.phase === 'closing' || since >= LEAD_IN_SNAPSHOT_MS;
    if (!take) return false;
    this.lastSnapshotAt = t;
    this.turnExtentAtSnapshot = this.turnExtent;
    this.snapshotCount++;
    return true;
  }

  state(): ChallengeRunState {
    const t = this.latest.t;
    const holding = this.holdingSince === undefined ? 0 : (t - this.holdingSince) / this.holdMs;
    const remainingMs =
      this.phase === 'leadIn'
        ? Math.max(0, this.leadInMs - t)
        : this.phase === 'challenge'
          ? Math.max(0, this.timeLimitMs - (t - this.shownAt))
          : 0;
    return {
      phase: this.phase,
      current: this.phase === 'challenge' ? this.current : -1,
      statuses: [...this.statuses],
      remainingMs,
      holdProgress: this.phase === 'challenge' ? Math.min(1, holding) : 0,
      facing: this.latest.facing,
      faceFound: this.latest.faceFound,
      outcome: this.outcome,
      snapshots: this.snapshotCount,
    };
  }

  /**
   * The decision liveness.ts makes on every detected frame, for feedback only. It uses
   * the server's time limit, so it predicts what the server will say about the same turns.
   */
  decision(): LivenessDecision {
    return decideLiveness({ challenges: this.challenges, frames: this.frames, timeLimitMs: DEFAULT_TIME_LIMIT_MS });
  }

  /** Snapshots the server needs at least: three per challenge. */
  private get minSnapshots(): number {
    return MIN_FRAMES_PER_CHALLENGE * this.challenges.length;
  }

  private show(index: number, t: number): void {
    this.phase = 'challenge';
    this.current = index;
    this.statuses[index] = 'active';
    this.shownAt = t;
    this.holdingSince = undefined;
  }

  private close(t: number): void {
    this.phase = 'closing';
    this.passedAt = t;
    this.holdingSince = undefined;
    if (this.snapshotCount >= this.minSnapshots) this.finish('passed', t);
  }

  private finish(outcome: RunOutcome, t: number): void {
    if (outcome === 'timedOut') {
      const index = Math.max(0, this.current);
      this.statuses[index] = 'timedOut';
    }
    this.phase = 'done';
    this.outcome = outcome;
    this.holdingSince = undefined;
    this.latest = { ...this.latest, t };
  }
}

/** How far a pose is turned from neutral along a direction, in units of that axis' threshold. */
function turnExtent(pose: HeadPose, neutral: HeadPose, direction: Direction): number {
  const yaw = (pose.yaw - neutral.yaw) / TURN_THRESHOLD.yaw;
  const pitch = (pose.pitch - neutral.pitch) / TURN_THRESHOLD.pitch;
  return direction === 'left' ? yaw : direction === 'right' ? -yaw : direction === 'up' ? pitch : -pitch;
}

function medianPose(poses: readonly HeadPose[]): HeadPose {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  return { yaw: median(poses.map((p) => p.yaw)), pitch: median(poses.map((p) => p.pitch)) };
}

import { describe, expect, it } from 'vitest';

import type { Direction } from '../../../../../common/face/head-pose.js';
import {
  HEAD_MODEL,
  PHOTO_MODEL,
  gaussianNoise,
  project,
  withNoise,
  type Placement,
} from '../../../../../common/face/testing/synthetic-head.js';
import { ChallengeRun, type ChallengeRunState } from './challenge-run';

const FRAME_MS = 33;
const TURNED: Readonly<Record<Direction, Placement>> = {
  left: { yaw: 25 },
  right: { yaw: -25 },
  up: { pitch: 18 },
  down: { pitch: -18 },
};

/** Feeds frames of one pose from `from` up to (not including) `to`, as the camera loop does. */
function feed(
  run: ChallengeRun,
  from: number,
  to: number,
  placement: Placement | 'no face',
  model = HEAD_MODEL,
): ChallengeRunState {
  const noise = gaussianNoise(from + 1);
  let state = run.state();
  for (let t = from; t < to; t += FRAME_MS) {
    run.takeSnapshot(t);
    const keypoints = placement === 'no face' ? [] : withNoise(project(model, placement), 0.5, noise);
    state = run.addFrame(t, keypoints);
  }
  return state;
}

/** Faces the camera for the lead-in, then turns each challenge's way in turn (`reactMs` to react, 0.7 s turned), then faces the camera. */
function followAll(
  run: ChallengeRun,
  challenges: readonly Direction[],
  turned: Readonly<Record<Direction, Placement>>,
  reactMs = 200,
): ChallengeRunState {
  let t = 700;
  feed(run, 0, t, {});
  for (const direction of challenges) {
    feed(run, t, t + reactMs, {});
    feed(run, t + reactMs, t + reactMs + 700, turned[direction]);
    t += reactMs + 700;
  }
  return feed(run, t, t + 500, {});
}

describe('ChallengeRun', () => {
  it('starts with a lead-in facing the camera, then shows the first challenge', () => {
    const run = new ChallengeRun(['left', 'up', 'right']);

    expect(feed(run, 0, 500, {})).toMatchObject({ phase: 'leadIn', current: -1, faceFound: true });
    const state = feed(run, 500, 700, {});

    expect(state).toMatchObject({ phase: 'challenge', current: 0, statuses: ['active', 'pending', 'pending'] });
    expect(state.remainingMs).toBeGreaterThan(3800);
  });

  it('passes a challenge once the head stays turned its way for the hold time', () => {
    const run = new ChallengeRun(['left', 'up', 'right']);
    feed(run, 0, 700, {});

    const turning = feed(run, 700, 900, TURNED.left);
    expect(turning).toMatchObject({ current: 0, facing: 'left' });
    expect(turning.holdProgress).toBeGreaterThan(0);
    expect(turning.holdProgress).toBeLessThan(1);

    const passed = feed(run, 900, 1300, TURNED.left);
    expect(passed).toMatchObject({ current: 1, statuses: ['passed', 'active', 'pending'], holdProgress: 0 });
  });

  it('does not count a turn the other way, nor one broken off before the hold time', () => {
    const run = new ChallengeRun(['left', 'up', 'right']);
    feed(run, 0, 700, {});

    expect(feed(run, 700, 1500, TURNED.right)).toMatchObject({ current: 0, facing: 'right', holdProgress: 0 });
    feed(run, 1500, 1800, TURNED.left);
    feed(run, 1800, 1900, {});
    expect(feed(run, 1900, 2200, TURNED.left)).toMatchObject({ current: 0, statuses: ['active', 'pending', 'pending'] });
  });

  it('breaks the hold when the face is lost', () => {
    const run = new ChallengeRun(['down', 'left', 'up']);
    feed(run, 0, 700, {});
    feed(run, 700, 1000, TURNED.down);

    expect(feed(run, 1000, 1100, 'no face')).toMatchObject({ faceFound: false, facing: undefined, holdProgress: 0 });
    expect(feed(run, 1100, 1400, TURNED.down).current).toBe(0);
  });

  it('ends the attempt as timed out when a challenge is not followed in time', () => {
    const run = new ChallengeRun(['left', 'up', 'right'], { timeLimitMs: 3000 });
    feed(run, 0, 700, {});

    expect(feed(run, 700, 3500, {})).toMatchObject({ phase: 'challenge', current: 0 });
    const state = feed(run, 3500, 4000, {});

    expect(run.done).toBe(true);
    expect(state).toMatchObject({ phase: 'done', outcome: 'timedOut', statuses: ['timedOut', 'pending', 'pending'] });
  });

  it("caps the time limit so that a local pass is in time for the server's 5 s between turns", () => {
    const run = new ChallengeRun(['left', 'up', 'right'], { timeLimitMs: 10_000 });
    feed(run, 0, 700, {});

    expect(feed(run, 700, 5200, {}).outcome).toBe('timedOut');
  });

  it('runs all challenges in order and finishes as passed', () => {
    const challenges: Direction[] = ['left', 'up', 'right'];
    const run = new ChallengeRun(challenges);
    const state = followAll(run, challenges, TURNED);

    expect(run.done).toBe(true);
    expect(state).toMatchObject({ phase: 'done', outcome: 'passed', statuses: ['passed', 'passed', 'passed'] });
  });

  it('passes turns of 10-12°, short of a 15° turn (as flatter faces read one), but not a 6° nod', () => {
    const short: Readonly<Record<Direction, Placement>> = { left: { yaw: 12 }, right: { yaw: -12 }, up: { pitch: 10 }, down: { pitch: -10 } };
    const challenges: Direction[] = ['left', 'up', 'right', 'down'];
    expect(followAll(new ChallengeRun(challenges), challenges, short)).toMatchObject({ outcome: 'passed', statuses: ['passed', 'passed', 'passed', 'passed'] });

    const small = new ChallengeRun(['up']);
    feed(small, 0, 700, {});
    expect(feed(small, 700, 1600, { pitch: 6 })).toMatchObject({ current: 0, facing: undefined, statuses: ['active'] });
  });

  it('records on after a quick last pass until the server has three snapshots per challenge', () => {
    const challenges: Direction[] = ['left', 'right', 'up', 'down', 'left'];
    const run = new ChallengeRun(challenges, { timeLimitMs: 3800, leadInMs: 1200 });
    let t = 1233;
    feed(run, 0, t, {});
    // The camera loop was too busy to take snapshots while the challenges passed.
    for (const direction of challenges) {
      for (let end = t + 800; t < end; t += FRAME_MS) run.addFrame(t, withNoise(project(HEAD_MODEL, TURNED[direction]), 0.5, gaussianNoise(t)));
    }

    const closing = run.state();
    expect(closing).toMatchObject({ phase: 'closing', statuses: challenges.map(() => 'passed') });
    expect(closing.snapshots).toBeLessThan(15);
    const done = feed(run, t, t + 1500, {});
    expect(done).toMatchObject({ phase: 'done', outcome: 'passed' });
    expect(done.snapshots).toBe(15);
  });

  it('takes the frames that matter: a few facing the camera, the way out, the peak, at most 48', () => {
    const run = new ChallengeRun(['left', 'up', 'right'], { timeLimitMs: 4400 });
    const leadIn = feed(run, 0, 700, {});
    expect(leadIn.snapshots).toBe(3);
    let t = 700;
    feed(run, t, t + 200, {});
    const still = run.state().snapshots;
    expect(still - leadIn.snapshots).toBeLessThanOrEqual(1);
    t += 200;
    for (const yaw of [6, 12, 18, 25]) {
      feed(run, t, t + 100, { yaw });
      t += 100;
    }
    expect(run.state().snapshots - still).toBeGreaterThanOrEqual(3);

    const long = new ChallengeRun(['left', 'up', 'right'], { timeLimitMs: 4400 });
    const done = feed(long, 0, 20_000, {});
    expect(done.phase).toBe('done');
    expect(done.snapshots).toBeLessThanOrEqual(48);
    expect(long.takeSnapshot(20_000)).toBe(false);
  });

  it('takes snapshots no closer than the minimum interval', () => {
    const run = new ChallengeRun(['left'], { timeLimitMs: 2000 });

    expect([0, 100, 199, 200, 350, 400].map((t) => run.takeSnapshot(t))).toEqual([true, false, false, true, false, true]);
  });

  it('predicts the verdict: a still photo is not live, a followed 3D head is', () => {
    const still = new ChallengeRun(['left', 'up', 'right'], { timeLimitMs: 3000 });
    feed(still, 0, 4000, {}, PHOTO_MODEL);
    expect(still.decision()).toMatchObject({ live: false, error: 'LiveDetectionFailed' });

    const challenges: Direction[] = ['up', 'left', 'down'];
    const live = new ChallengeRun(challenges);
    followAll(live, challenges, TURNED, 300);
    expect(live.decision()).toMatchObject({ live: true });
  });
});

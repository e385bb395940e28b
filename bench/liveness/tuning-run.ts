import { judgeAttempt } from "../../common/face/attempt-judge.js";
import { isSideways, type Direction } from "../../common/face/head-pose.js";
import { bentPhoto, identitySplice, movedPhoto, photoSplice, tiltedPhoto } from "../../common/face/testing/attack-attempts.js";
import { decodeJpeg } from "../../common/face/testing/camera-effects.js";
import { EVALUATION_IDENTITIES, MIRRORED_TUNING_IDENTITIES, samePerson, TUNING_IDENTITIES } from "../../common/face/testing/face-photos.js";
import { prepareFace, type PreparedFace } from "../../common/face/testing/prepared-face.js";
import { genuineAttempt, RESTING_TURNED, type PostedFrame } from "../../common/face/testing/rendered-attempt.js";
import { loadJudgeModels } from "../../bff/src/playground/face-models.ts";

/**
 * The offline harness thresholds are tuned with: attempts of one kind rendered from the
 * TUNING identities, judged in this process (no HTTP, no replay store) with every
 * measurement taken, one JSON line per attempt on stdout.
 *
 *   node --import tsx bench/liveness/tuning-run.ts <kind> <count> [seed]
 *
 * Kinds: genuine, genuine-slow (noise, blur, JPEG 70, 1.5 s turns), genuine-320, genuine-15,
 * genuine-rest (resting turned 8-20°), moved, tilted, tilted-steep, bent, bent-grid (the
 * bench's tuned bends, each in turn), bent-grid-320, identity-splice, photo-splice.
 * `LIVENESS_FACES=mirrored` renders the tuning identities mirrored (faces the landmark model
 * sees anew: a check of what was tuned), `LIVENESS_FACES=evaluation` the evaluation
 * identities (only to check a figure, never to tune); `LIVENESS_FACE_PREFIX=t-` keeps the
 * faces whose ids start so.
 */
const [kind = "genuine", countText = "10", seedText = "1000"] = process.argv.slice(2);
const directions: Direction[] = ["left", "right", "up", "down"];
/** The bench's grid for bent prints tuned per face (liveness.bench.ts), one option per attempt in turn. */
const BENT_GRID = [60, 90, 140].flatMap((bendRadiusMm) => [
  { bendRadiusMm, angle: [20, 30] as [number, number] },
  { bendRadiusMm, angle: [35, 45] as [number, number] },
]);

function challengesFor(seed: number): Direction[] {
  let x = seed * 2654435761;
  const pick = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  // As the token route draws them: never one direction twice in a row, and both axes.
  for (;;) {
    const out: Direction[] = [directions[pick() % 4]];
    while (out.length < 4) {
      const rest = directions.filter((d) => d !== out[out.length - 1]);
      out.push(rest[pick() % 3]);
    }
    if (out.some(isSideways) && !out.every(isSideways)) return out;
  }
}

function render(face: PreparedFace, others: PreparedFace[], challenges: Direction[], seed: number): { frames: PostedFrame[]; motion?: unknown } {
  switch (kind) {
    case "genuine":
      return genuineAttempt(face, challenges, seed, { width: 640 });
    case "genuine-slow":
      return genuineAttempt(face, challenges, seed, { width: 640, effects: { noise: 4, blur: 1, jpegQuality: 70 } }, { motion: { turnMs: [1400, 1600] } });
    case "genuine-320":
      return genuineAttempt(face, challenges, seed, { width: 320 });
    case "genuine-15":
      return genuineAttempt(face, challenges, seed, { width: 640 }, { motion: { angle: [15, 16] } });
    case "genuine-rest":
      return genuineAttempt(face, challenges, seed, { width: 640 }, { restTurn: RESTING_TURNED });
    case "moved":
      return movedPhoto(face, challenges, seed, { width: 640 });
    case "tilted":
      return tiltedPhoto(face, challenges, seed, { width: 640 }, { angle: [10, 40] });
    case "tilted-steep":
      return tiltedPhoto(face, challenges, seed, { width: 640 }, { angle: [45, 65] });
    case "bent":
      return bentPhoto(face, challenges, seed, { width: 640 });
    case "bent-grid":
      return bentPhoto(face, challenges, seed, { width: 640 }, BENT_GRID[seed % BENT_GRID.length]);
    case "bent-grid-320":
      return bentPhoto(face, challenges, seed, { width: 320 }, BENT_GRID[seed % BENT_GRID.length]);
    case "identity-splice":
      return identitySplice(face, others[seed % others.length], challenges, seed, { width: 640 });
    case "photo-splice":
      return photoSplice(face, others, challenges, seed, { width: 640 });
    default:
      throw new Error(`Unknown kind ${kind}`);
  }
}

const models = await loadJudgeModels();
const identities = { evaluation: EVALUATION_IDENTITIES, mirrored: MIRRORED_TUNING_IDENTITIES }[process.env["LIVENESS_FACES"] ?? ""] ?? TUNING_IDENTITIES;
const faces: PreparedFace[] = [];
const prefix = process.env["LIVENESS_FACE_PREFIX"] ?? "";
for (const identity of identities.filter((i) => i.id.startsWith(prefix))) faces.push(await prepareFace(identity, models.detector, models.networks));
for (let n = 0; n < Number(countText); n++) {
  const seed = Number(seedText) + n;
  const face = faces[n % faces.length];
  const challenges = challengesFor(seed);
  const { frames: posted, motion } = render(face, faces.filter((f) => !samePerson(f.identity, face.identity)), challenges, seed);
  const frames = posted.map((p, index) => ({ t: p.t, image: decodeJpeg(p.jpeg), index }));
  const { verdict, timings, poses } = await judgeAttempt(models, { frames, challenges }, { exhaustive: true });
  const actual = (motion as { turns?: unknown } | undefined)?.turns;
  console.log(JSON.stringify({ kind, seed, face: face.identity.id, challenges, frames: posted.length, live: verdict.live, reason: verdict.reason, track: verdict.track, turns: verdict.turns, actual, poses, timings }));
}

import { beforeAll, describe, expect, it } from "vitest";
import type { JudgeModels } from "../attempt-judge.js";
import { loadJudgeModels } from "../../../bff/src/playground/face-models.ts";
import { EVALUATION_IDENTITIES, faceTexture, samePerson, TEXTURE_LEFT_EYE, TEXTURE_RIGHT_EYE, TUNING_IDENTITIES } from "./face-photos.js";

/** The liveness test set: every face where its eyes are said to be, and tuning and evaluation apart. */
describe("the liveness test set's faces", () => {
  let models: JudgeModels;
  beforeAll(async () => {
    models = await loadJudgeModels();
  }, 120_000);

  it("keeps every person in one set only, under an id of their own", () => {
    const all = [...TUNING_IDENTITIES, ...EVALUATION_IDENTITIES];
    expect(new Set(all.map((face) => face.id)).size).toBe(all.length);
    for (const tuning of TUNING_IDENTITIES) expect(EVALUATION_IDENTITIES.filter((face) => samePerson(face, tuning))).toEqual([]);
  });

  it.each([...TUNING_IDENTITIES, ...EVALUATION_IDENTITIES].map((face) => [face.id, face] as const))(
    "puts %s's eyes where the canonical texture wants them",
    async (_id, identity) => {
      const [face] = await models.detector.detect(faceTexture(identity));
      expect(face, "a face in the texture").toBeDefined();
      const [right, left] = face!.keypoints;
      // BlazeFace's eye keypoints are coarse (up to 12.6 px off on this set, a fifth of the
      // eye distance); a wrong face or swapped eyes lie an eye distance away.
      const eyeDistance = TEXTURE_LEFT_EYE.x - TEXTURE_RIGHT_EYE.x;
      expect(Math.hypot(right.x - TEXTURE_RIGHT_EYE.x, right.y - TEXTURE_RIGHT_EYE.y)).toBeLessThan(eyeDistance / 4);
      expect(Math.hypot(left.x - TEXTURE_LEFT_EYE.x, left.y - TEXTURE_LEFT_EYE.y)).toBeLessThan(eyeDistance / 4);
    },
    30_000,
  );
});

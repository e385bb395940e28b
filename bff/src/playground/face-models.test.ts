import { beforeAll, describe, expect, it } from "vitest";
import type { JudgeModels } from "../../../common/face/attempt-judge.js";
import { observeFaces } from "../../../common/face/face-analysis.js";
import { embeddingCrop, embeddingDistance } from "../../../common/face/face-networks.js";
import { demoPhoto } from "../../../common/face/testing/face-photos.js";
import type { RgbaImage } from "../../../common/face/blazeface.js";
import { loadJudgeModels } from "./face-models.ts";

/** face-api's networks rebuilt as ONNX models: plausible landmarks, and embeddings that tell people apart. */
function crop(image: RgbaImage, x: number, y: number, size: number): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let row = 0; row < size; row++) data.set(image.data.subarray(((y + row) * image.width + x) * 4, ((y + row) * image.width + x + size) * 4), row * size * 4);
  return { data, width: size, height: size };
}

describe("the judge's face models", () => {
  let models: JudgeModels;
  beforeAll(async () => {
    models = await loadJudgeModels();
  }, 120_000);

  it("puts 68 landmarks on a photographed face: eyes above the nose tip above the mouth, inside the face's box", async () => {
    const [face] = await observeFaces(models.detector, models.networks, [crop(demoPhoto("sample1"), 680, 280, 500)]);
    expect(face).toBeDefined();
    const { landmarks, box } = face!;
    expect(landmarks).toHaveLength(68);
    const y = (from: number, to: number) => landmarks.slice(from, to).reduce((s, p) => s + p.y, 0) / (to - from);
    expect(y(36, 48)).toBeLessThan(landmarks[30].y);
    expect(landmarks[30].y).toBeLessThan(y(48, 68));
    for (const p of landmarks.slice(17)) {
      expect(p.x).toBeGreaterThan(box.x - 0.1 * box.width);
      expect(p.x).toBeLessThan(box.x + 1.1 * box.width);
    }
  }, 60_000);

  it("gives one person's face, cropped twice, close embeddings and two people's faces distant ones", async () => {
    const photo = demoPhoto("sample1");
    const frames = [crop(photo, 680, 280, 500), crop(photo, 700, 300, 460), crop(photo, 260, 260, 460)];
    const faces = await observeFaces(models.detector, models.networks, frames);
    const [a, b, other] = await models.networks.embeddings(faces.map((f, i) => ({ image: frames[i], transform: embeddingCrop(f!.landmarks) })));
    expect(embeddingDistance(a, b)).toBeLessThan(0.3);
    expect(embeddingDistance(a, other)).toBeGreaterThan(embeddingDistance(a, b) + 0.2);
  }, 60_000);
});

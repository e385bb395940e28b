import { writeFile } from "node:fs/promises";
import { loadJudgeModels } from "../../bff/src/playground/face-models.ts";
import type { Direction } from "../../common/face/head-pose.js";
import { encodeJpeg } from "../../common/face/testing/camera-effects.js";
import { TUNING_IDENTITIES } from "../../common/face/testing/face-photos.js";
import { prepareFace } from "../../common/face/testing/prepared-face.js";
import { sceneBackground } from "../../common/face/testing/scene-background.js";
import { render, WEBCAM_640, type Vec3 } from "../../common/face/testing/scene-renderer.js";

/**
 * Renders turning-head.ts's pictures: `node --import tsx render-turning-head.ts <file> <degrees,...>`.
 * The first tuning face with an 18 mm nose, 520 mm from the camera, facing it and turned
 * each listed angle in each direction (left: yaw > 0, up: pitch > 0, as the test set's
 * head motion turns), written as base64 JPEGs in JSON.
 */
const [file, degreesText] = process.argv.slice(2);
if (!file || !degreesText) throw new Error("Usage: render-turning-head.ts <file> <degrees,...>");
const steps = degreesText.split(",").map(Number);

const models = await loadJudgeModels();
const face = await prepareFace(TUNING_IDENTITIES[0]!, models.detector, models.networks);
const { mesh } = face.head(18);
const background = sceneBackground(WEBCAM_640.width, WEBCAM_640.height, 7);
const position: Vec3 = [0, 30, 520];
const picture = (yaw: number, pitch: number) =>
  encodeJpeg(render(mesh, { yaw, pitch, roll: 0, position }, WEBCAM_640, background), 90).toString("base64");
const turns: Record<Direction, (degrees: number) => string> = {
  left: (d) => picture(d, 0),
  right: (d) => picture(-d, 0),
  up: (d) => picture(0, d),
  down: (d) => picture(0, -d),
};
const turned = Object.fromEntries(Object.entries(turns).map(([direction, at]) => [direction, steps.map(at)]));
await writeFile(file, JSON.stringify({ neutral: picture(0, 0), turned }));
process.exit(0);

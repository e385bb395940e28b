import { execFile } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

/**
 * Pictures of a rendered head with relief (common/face/testing, a face of face-api's demo
 * photos) facing the camera and turned step by step in each direction, as base64 JPEGs,
 * for a synthetic camera that follows the challenges the playground shows
 * (turning-camera.ts). Rendered at test time, never committed: a child process renders
 * them with the judge's own models (render-turning-head.ts), since they load
 * onnxruntime-web's WASM, and writes them to `file`, which later runs reuse.
 */
export interface TurningHeadPictures {
  neutral: string;
  /** Per direction, the head turned TURN_STEPS_DEGREES[i] that way. */
  turned: Record<"left" | "right" | "up" | "down", string[]>;
}

export const TURN_STEPS_DEGREES = [6, 12, 18, 24, 30] as const;

const run = promisify(execFile);

export async function turningHeadPictures(file: string): Promise<TurningHeadPictures> {
  const cached = await readFile(file, "utf8").catch(() => undefined);
  if (cached) return JSON.parse(cached) as TurningHeadPictures;
  await mkdir(path.dirname(file), { recursive: true });
  const script = path.join(import.meta.dirname, "render-turning-head.ts");
  await run(process.execPath, ["--import", "tsx", script, file, TURN_STEPS_DEGREES.join(",")], { timeout: 120_000 });
  return JSON.parse(await readFile(file, "utf8")) as TurningHeadPictures;
}

import { readdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { startTestServer } from "../bff/src/testing/test-server.ts";
import { stillFaceFrame } from "../e2e/assets/still-face.ts";
import type { FaceDetectionReply } from "../portal/src/app/features/playground/face-detection-protocol.ts";

/**
 * The playground's face detection as browsers run it: the built portal's own worker
 * (onnxruntime-web + BlazeFace) in headless Chromium, on a cross-origin isolated page of
 * the BFF, fed the e2e test's 640x480 still face. Per thread count, in a fresh browser
 * context (nothing cached): the model's load time (fetching model and WASM, creating the
 * session) and the time per frame (pixels read in the worker, detection), median of
 * BENCH_FRAMES frames after a short warm-up. Needs a built portal (`npm run build`).
 */
const frameCount = Number(process.env["BENCH_FRAMES"] ?? 200);
const warmUp = 5;
const threadCounts = [1, 2];

interface WorkerRun {
  loadMs: number;
  workerToReadyMs: number;
  firstDetectMs: number;
  detectMs: number[];
  roundTripMs: number[];
  faces: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)]!;

export async function benchPlaygroundDetection(): Promise<Record<string, string>> {
  const distDir = path.resolve("dist/portal/browser");
  const workerFile = readdirSync(distDir).find((file) => /^worker-[A-Z0-9]+\.js$/.test(file));
  if (!workerFile) throw new Error("No face-detection worker in dist/portal/browser: run `npm run build` first.");
  const server = await startTestServer({ LOG_LEVEL: "warn", PORTAL_DIST: distDir });
  const browser = await chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
  try {
    const figures: Record<string, string> = { "frame (px)": "640x480", "frames per run": String(frameCount) };
    for (const threads of threadCounts) {
      const run = await runWorker(browser, server.url, `/${workerFile}`, threads);
      if (run.faces !== 1) throw new Error(`Expected one face in the still frame, the worker found ${run.faces}`);
      figures[`${threads === 1 ? "1 thread" : `${threads} threads`}: model load (ms)`] = run.loadMs.toFixed(0);
      figures[`${threads === 1 ? "1 thread" : `${threads} threads`}: worker start to model ready (ms)`] = run.workerToReadyMs.toFixed(0);
      figures[`${threads === 1 ? "1 thread" : `${threads} threads`}: first detection (ms)`] = run.firstDetectMs.toFixed(1);
      figures[`${threads === 1 ? "1 thread" : `${threads} threads`}: detection per frame, median (ms)`] = median(run.detectMs).toFixed(1);
      figures[`${threads === 1 ? "1 thread" : `${threads} threads`}: detection per frame, p90 (ms)`] = percentile90(run.detectMs).toFixed(1);
      figures[`${threads === 1 ? "1 thread" : `${threads} threads`}: frame round trip, median (ms)`] = median(run.roundTripMs).toFixed(1);
    }
    return figures;
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function runWorker(browser: Browser, origin: string, workerPath: string, threads: number): Promise<WorkerRun> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Any portal page carries COOP and COEP; this one needs no sign-in.
    await page.goto(`${origin}/signed-out`);
    if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error("The BFF's page is not cross-origin isolated");
    const frame = stillFaceFrame();
    return await page.evaluate(
      async ({ workerPath, rgba, width, height, threads, frameCount, warmUp }) => {
        const bytes = Uint8ClampedArray.from(atob(rgba), (char) => char.charCodeAt(0));
        const image = new ImageData(bytes, width, height);
        const started = performance.now();
        const worker = new Worker(workerPath, { type: "module" });
        // Named functions would need tsx's __name helper, which the page does not have.
        const replies: FaceDetectionReply[] = [];
        const waiting: ((reply: FaceDetectionReply) => void)[] = [];
        worker.addEventListener("message", (event: MessageEvent<FaceDetectionReply>) => {
          const resolve = waiting.shift();
          if (resolve) resolve(event.data);
          else replies.push(event.data);
        });
        worker.postMessage({
          type: "load",
          modelUrl: `${location.origin}/assets/face/blazeface-front-128.onnx`,
          wasmPaths: `${location.origin}/assets/ort/`,
          numThreads: threads,
        });
        const loaded = await new Promise<FaceDetectionReply>((resolve) => (replies.length ? resolve(replies.shift()!) : waiting.push(resolve)));
        if (loaded.type !== "loaded") throw new Error(`The model did not load: ${JSON.stringify(loaded)}`);
        const run = { loadMs: loaded.loadMs, workerToReadyMs: performance.now() - started, firstDetectMs: 0, detectMs: [] as number[], roundTripMs: [] as number[], faces: 0 };
        for (let i = 0; i < warmUp + frameCount; i++) {
          const bitmap = await createImageBitmap(image);
          const sent = performance.now();
          worker.postMessage({ type: "detect", id: i, frame: bitmap }, [bitmap]);
          const detected = await new Promise<FaceDetectionReply>((resolve) => (replies.length ? resolve(replies.shift()!) : waiting.push(resolve)));
          if (detected.type !== "detected") throw new Error(`Detection failed: ${JSON.stringify(detected)}`);
          if (i === 0) run.firstDetectMs = detected.detectMs;
          if (i >= warmUp) {
            run.detectMs.push(detected.detectMs);
            run.roundTripMs.push(performance.now() - sent);
          }
          run.faces = detected.faces.length;
        }
        worker.terminate();
        return run;
      },
      { workerPath, rgba: Buffer.from(frame.data).toString("base64"), width: frame.width, height: frame.height, threads, frameCount, warmUp },
    );
  } finally {
    await context.close();
  }
}

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import jpeg from "jpeg-js";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import type { Direction } from "../../../common/face/head-pose.js";
import { TUNING_IDENTITIES } from "../../../common/face/testing/face-photos.js";
import { prepareFace } from "../../../common/face/testing/prepared-face.js";
import { genuineAttempt } from "../../../common/face/testing/rendered-attempt.js";
import { loadJudgeModels } from "./face-models.ts";

/** POST /extension/livenessdetection: the BFF re-runs detection and decides; a still photo is not live. */
const require = createRequire(import.meta.url);
const photoPath = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", "sample1.jpg");

function stillFaceJpeg(): string {
  const photo = jpeg.decode(readFileSync(photoPath), { useTArray: true, formatAsRGBA: true });
  const area = { x: 680, y: 280, width: 500, height: 500 };
  const data = Buffer.alloc(area.width * area.height * 4);
  for (let row = 0; row < area.height; row++) {
    const start = ((area.y + row) * photo.width + area.x) * 4;
    data.set(photo.data.subarray(start, start + area.width * 4), row * area.width * 4);
  }
  return jpeg.encode({ data, width: area.width, height: area.height }, 85).data.toString("base64");
}

describe("liveness detection of the playground", () => {
  let server: TestServer;
  // Each test starts a failure window of its own (LIVENESS_FAILURES_PER_USER is 3 here).
  let now = Date.now();
  beforeEach(() => {
    now += 200_000;
  });
  const face = stillFaceJpeg();
  const frames = Array.from({ length: 12 }, (_, i) => ({ t: i * 200, image: face }));
  // 4 challenges need 12 frames with a face; 14 frames of a still photo get that far and show no turn.

  beforeAll(async () => {
    server = await startTestServer({ LIVENESS_FAILURES_PER_USER: "3", LIVENESS_FAILURE_WINDOW_SECONDS: "180", WORKER_MODEL_THREADS: "2" }, { clock: () => now });
  });
  afterAll(async () => server?.stop());

  const playgroundToken = async () => (await server.call<{ token: string }>("owner", "POST", "/api/clients/demo-client/playground/token")).token;
  const post = (token: string | undefined, body: unknown) =>
    fetch(`${server.url}/extension/livenessdetection`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it("judges a still photo not live (it makes no turns), counts the attempt, and stores no samples without image logging", async () => {
    const token = await playgroundToken();
    const logged = server.logs.length;
    const response = await post(token, { frames: Array.from({ length: 14 }, (_, i) => ({ t: i * 200, image: face })) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ Success: false, ErrorString: "ChallengeResponseFailed", Tries: 1, MaxTries: 3 });
    // The log says what each asked turn measured (here: no turn seen), without the frames.
    const line = server.logs.slice(logged).find((l) => l.includes("liveness attempt judged"))!;
    const asked = decodeJwt(token)["challenge"] as string;
    const { liveness } = JSON.parse(line) as { liveness: { reason: string; turns: { asked: string; seen?: string }[] } };
    expect(liveness.reason).toBe("Challenge");
    expect(liveness.turns.map((t) => t.asked)).toEqual((JSON.parse(asked) as string[][])[0]);
    expect(liveness.turns.every((t) => t.seen === undefined)).toBe(true);
    expect(line.length).toBeLessThan(2000);
    await server.usage.flush();
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    expect(await server.db.prisma.usageEvent.count({ where: { clientId: client.id, operation: "livenessdetection", result: "failure", errorCode: "ChallengeResponseFailed" } })).toBe(1);
    expect(await server.db.prisma.sample.count()).toBe(0);
  }, 60_000);

  it("judges a turning head live, and logs what each turn measured, enough to judge it again offline", async () => {
    const models = await loadJudgeModels();
    const head = await prepareFace(TUNING_IDENTITIES[0]!, models.detector, models.networks);
    // Each token draws its challenges, and a genuine attempt is refused now and then (the
    // BPCER): up to three tokens (the user's failure limit here is three per window).
    let asked: Direction[] = [];
    let liveness = { live: false, turns: [] as Record<string, unknown>[], modelThreads: 0, timings: {} as Record<string, number>, route: {} as Record<string, number> };
    for (let n = 0; n < 3 && !liveness.live; n++) {
      const token = await playgroundToken();
      asked = (JSON.parse(decodeJwt(token)["challenge"] as string) as Direction[][])[0]!;
      const attempt = genuineAttempt(head, asked, 11 + n, { width: 320 });
      const logged = server.logs.length;
      const response = await post(token, { frames: attempt.frames.map((f) => ({ t: f.t, image: f.jpeg.toString("base64") })) });
      const line = server.logs.slice(logged).find((l) => l.includes("liveness attempt judged"))!;
      ({ liveness } = JSON.parse(line) as { liveness: typeof liveness });
      expect(((await response.json()) as { Success: boolean }).Success).toBe(liveness.live);
    }
    expect(liveness.live).toBe(true);
    // The worker pool's setting reached the worker: its models ran on two WASM threads.
    expect(liveness.modelThreads).toBe(2);
    expect(liveness.turns.map((t) => t["seen"])).toEqual(asked);
    // Where the answer's time went: the route's stages, the worker's taking at least the judge's own.
    expect(Object.keys(liveness.route)).toEqual(["authorize", "body", "worker", "store"]);
    Object.values(liveness.route).forEach((ms) => expect(ms).toBeGreaterThanOrEqual(0));
    const judgeMs = Object.values(liveness.timings).reduce((sum, ms) => sum + ms, 0);
    expect(judgeMs).toBeGreaterThan(0);
    expect(liveness.route["worker"]).toBeGreaterThanOrEqual(Math.floor(judgeMs));
    for (const turn of liveness.turns) {
      for (const measure of ["degrees", "identity", "relief", "warp", "wings", "track"]) expect(turn[measure], measure).toEqual(expect.any(Number));
    }
  }, 120_000);

  it("records the attempt's frame fingerprints, under the id the log gives", async () => {
    const printsBefore = await server.db.prisma.livenessFramePrint.count();
    const logged = server.logs.length;
    await post(await playgroundToken(), { frames });
    expect(await server.db.prisma.livenessFramePrint.count()).toBe(printsBefore + frames.length);
    const line = server.logs.slice(logged).find((l) => l.includes("liveness attempt judged"))!;
    const { liveness } = JSON.parse(line) as { liveness: { attempt: string; replayOf?: unknown } };
    expect(await server.db.prisma.livenessFramePrint.count({ where: { attemptId: liveness.attempt } })).toBe(frames.length);
    expect(liveness.replayOf).toBeUndefined();
  }, 60_000);

  it("answers 429 with Retry-After from the user's 4th failure in the window, gives the try back, and refuses no other user", async () => {
    const editorToken = async () => (await server.call<{ token: string }>("editor", "POST", "/api/clients/demo-client/playground/token")).token;
    const first = await editorToken();
    for (let i = 0; i < 3; i++) {
      const failed = await post(i < 2 ? first : await editorToken(), { frames: frames.slice(0, 3) });
      expect(await failed.json()).toMatchObject({ Success: false });
    }
    const token = await editorToken();
    const refused = await post(token, { frames: frames.slice(0, 3) });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(100);
    expect(retryAfter).toBeLessThanOrEqual(180);
    expect(((await refused.json()) as { Message: string }).Message).toMatch(/Too many failed liveness attempts: at most 3 within 3 minutes\. Try again in \d+ minutes?\./);
    const viewerToken = (await server.call<{ token: string }>("viewer", "POST", "/api/clients/demo-client/playground/token")).token;
    expect((await post(viewerToken, { frames: frames.slice(0, 3) })).status).toBe(200);

    now += 181_000;
    expect(await (await post(token, { frames: frames.slice(0, 3) })).json(), "the refused call used no try").toMatchObject({ Tries: 1 });
  }, 60_000);

  it("keeps the frames as samples when the client logs images", async () => {
    await server.call("owner", "PATCH", "/api/clients/demo-client", { logging: { logImages: true } });
    const response = await post(await playgroundToken(), { frames: frames.slice(0, 4) });
    expect(response.status).toBe(200);
    const samples = await server.db.prisma.sample.findMany({ orderBy: { frameIndex: "asc" } });
    expect(samples.map((s) => s.frameIndex)).toEqual([0, 1, 2, 3]);
    expect(Buffer.from(samples[0]!.data).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  }, 60_000);

  it("answers NotEnoughSamples for too few frames and NoFaceFound for frames without a face", async () => {
    const token = await playgroundToken();
    expect(await (await post(token, { frames: frames.slice(0, 2) })).json()).toMatchObject({ Success: false, ErrorString: "NotEnoughSamples", Tries: 1 });
    const blank = jpeg.encode({ data: Buffer.alloc(64 * 64 * 4, 255), width: 64, height: 64 }, 80).data.toString("base64");
    expect(await (await post(token, { frames: frames.map((f) => ({ ...f, image: blank })) })).json()).toMatchObject({ ErrorString: "NoFaceFound", Tries: 2 });
  }, 60_000);

  it("refuses a token without tries left, a missing token and a token for another task", async () => {
    const token = await playgroundToken();
    for (let i = 0; i < 3; i++) expect((await post(token, { frames: frames.slice(0, 3) })).status).toBe(200);
    const spent = await post(token, { frames: frames.slice(0, 3) });
    expect(spent.status).toBe(401);
    expect(((await spent.json()) as { Message: string }).Message).toMatch(/tries/);
    expect((await post(undefined, { frames })).status).toBe(401);
    const key = await server.call<{ appId: string; appSecret: string }>("owner", "POST", "/api/clients/demo-client/keys", {});
    const verifyToken = await (
      await fetch(`${server.url}/extension/token?id=${encodeURIComponent(key.appId)}&bcid=bws.1.5`, {
        headers: { authorization: `Basic ${Buffer.from(`${key.appId}:${key.appSecret}`).toString("base64")}` },
      })
    ).text();
    expect((await post(verifyToken, { frames })).status).toBe(403);
  }, 60_000);

  it.each([
    ["no frames", { frames: [] }],
    ["a frame that is not a JPEG", { frames: [{ t: 0, image: "bm90IGFuIGltYWdlIGF0IGFsbA==" }] }],
    ["unknown fields", { frames: [{ t: 0, image: "x".repeat(20) }], extra: 1 }],
  ])("answers 400 with a Message for %s", async (_case, body) => {
    const response = await post(await playgroundToken(), body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { Message: string }).Message).toMatch(/\S/);
  });

  it("serves the model and the WASM runtime from their packages, cross-origin isolated", async () => {
    const model = await fetch(`${server.url}/assets/face/blazeface-front-128.onnx`);
    expect(model.status).toBe(200);
    expect((await model.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const wasm = await fetch(`${server.url}/assets/ort/ort-wasm-simd-threaded.wasm`);
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(wasm.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect((await fetch(`${server.url}/assets/ort/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});

import { readFileSync } from "node:fs";
import http, { type IncomingHttpHeaders } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { decodeJwt } from "jose";
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { livenessBodyLimitBytes } from "./liveness-limits.ts";

/**
 * Issue #10, row 1: one viewer's liveness post froze the server, and its 12 MB body was
 * read before its token was looked at. The server runs here with one worker thread and
 * no waiting line, so a second attempt during a first meets a full pool.
 */
const require = createRequire(import.meta.url);
const photo = jpeg.decode(readFileSync(path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", "sample1.jpg")), {
  useTArray: true,
  formatAsRGBA: true,
});

function cropJpeg(x: number, y: number, width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let row = 0; row < height; row++) {
    const start = ((y + row) * photo.width + x) * 4;
    data.set(photo.data.subarray(start, start + width * 4), row * width * 4);
  }
  return jpeg.encode({ data, width, height }, 85).data;
}

const flatJpeg = (width: number, height: number) => jpeg.encode({ data: Buffer.alloc(width * height * 4, 200), width, height }, 80).data;

/** A JPEG whose frame header claims other dimensions than its data has. */
function claimingDimensions(image: Buffer, width: number, height: number): Buffer {
  const forged = Buffer.from(image);
  const sof = forged.indexOf(Buffer.from([0xff, 0xc0]));
  forged.writeUInt16BE(height, sof + 5);
  forged.writeUInt16BE(width, sof + 7);
  return forged;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: { Message?: string; Code?: string; Success?: boolean; ErrorString?: string | null; Tries?: number; MaxTries?: number };
}

/** A POST whose body the test writes piece by piece; `answered` settles as soon as the server answers. */
function openPost(url: string, headers: Record<string, string>) {
  const request = http.request(`${url}/extension/livenessdetection`, { method: "POST", headers });
  // The server closes the connection while the test may still be writing.
  request.on("error", () => {});
  const answered = new Promise<Answer>((resolve) => {
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(text) as Answer["body"] }));
    });
  });
  const closed = new Promise<void>((resolve) => request.on("close", () => resolve()));
  return { request, answered, closed };
}

describe("limits of the liveness endpoint", () => {
  let server: TestServer;
  const faceFrame = cropJpeg(610, 290, 640, 480).toString("base64");
  /** 60 frames of 640x480: exactly the pixel budget of an attempt. */
  const maximumAttempt = { frames: Array.from({ length: 60 }, (_, i) => ({ t: i * 100, image: faceFrame })) };

  beforeAll(async () => {
    server = await startTestServer({ WORKER_POOL_SIZE: "1", WORKER_QUEUE_LIMIT: "0" });
  });
  afterAll(async () => server?.stop());

  const playgroundToken = async () => (await server.call<{ token: string }>("viewer", "POST", "/api/clients/demo-client/playground/token")).token;
  const post = async (token: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${server.url}/extension/livenessdetection`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: {}, body: (await response.json()) as Answer["body"] };
  };

  it("answers 401 to an unauthenticated 12 MB post before its body is sent, and closes the connection rather than read it all", async () => {
    const upload = openPost(server.url, { "content-type": "application/json", "content-length": String(12_600_000) });
    upload.request.write(Buffer.alloc(64 * 1024, 0x20));
    const answer = await upload.answered;
    expect(answer.status).toBe(401);
    expect(answer.body.Message).toMatch(/BWS token is required/);
    upload.request.write(Buffer.alloc(livenessBodyLimitBytes + 1, 0x20));
    await upload.closed;
    expect(upload.request.writableEnded).toBe(false);
  });

  it("answers 401 to a body that never ends when the token is not valid, and closes its connection", async () => {
    const upload = openPost(server.url, { "content-type": "application/json", authorization: "Bearer aaa.bbb.ccc", "transfer-encoding": "chunked" });
    const writing = setInterval(() => upload.request.write(Buffer.alloc(16 * 1024, 0x20)), 20);
    try {
      const answer = await upload.answered;
      expect(answer.status).toBe(401);
      expect(answer.body.Message).toBe("The BWS token is not valid.");
      await upload.closed;
      expect(upload.request.writableEnded).toBe(false);
    } finally {
      clearInterval(writing);
    }
  });

  it("answers 413 naming the cap from Content-Length alone, before reading the body", async () => {
    const upload = openPost(server.url, {
      "content-type": "application/json",
      authorization: `Bearer ${await playgroundToken()}`,
      "content-length": String(livenessBodyLimitBytes + 1),
    });
    upload.request.flushHeaders();
    const answer = await upload.answered;
    expect(answer.status).toBe(413);
    expect(answer.body.Message).toContain(`at most ${livenessBodyLimitBytes} bytes`);
    upload.request.destroy();
  });

  it("answers 413 as soon as a body without Content-Length crosses the cap, without waiting for its end", async () => {
    const upload = openPost(server.url, { "content-type": "application/json", authorization: `Bearer ${await playgroundToken()}`, "transfer-encoding": "chunked" });
    const megabyte = Buffer.alloc(1024 * 1024, 0x20);
    for (let sent = 0; sent <= livenessBodyLimitBytes; sent += megabyte.length) upload.request.write(megabyte);
    const answer = await upload.answered;
    expect(answer.status).toBe(413);
    expect(answer.body.Code).toBe("PayloadTooLarge");
    expect(upload.request.writableEnded).toBe(false);
    upload.request.destroy();
  });

  it("answers 400 naming the frame for a frame over 1280x720, from its header alone", async () => {
    const token = await playgroundToken();
    const large = await post(token, { frames: [{ t: 0, image: flatJpeg(1920, 1080).toString("base64") }] });
    expect(large.status).toBe(400);
    expect(large.body).toMatchObject({ Code: "FrameTooLarge", Message: expect.stringMatching(/^Frame 1 is 1920x1080; a frame may be at most 1280x720/) });
    const forged = claimingDimensions(flatJpeg(64, 64), 20_000, 20_000).toString("base64");
    const claimed = await post(token, { frames: [{ t: 0, image: faceFrame }, { t: 100, image: forged }] });
    expect(claimed.status).toBe(400);
    expect(claimed.body.Message).toMatch(/^Frame 2 is 20000x20000/);
  });

  it("answers 413 naming the budget when the frames together have too many pixels", async () => {
    const frame = flatJpeg(1280, 720).toString("base64");
    const answer = await post(await playgroundToken(), { frames: Array.from({ length: 60 }, (_, i) => ({ t: i * 100, image: frame })) });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ Code: "AttemptTooLarge", Message: expect.stringMatching(/more than 18.43 megapixels together/) });
  });

  it("judges a maximum-size attempt in a worker while /healthz answers", async () => {
    let judged = false;
    const attempt = post(await playgroundToken(), maximumAttempt).then((answer) => {
      judged = true;
      return answer;
    });
    await vi.waitFor(() => expect(server.workers.load.running).toBe(1), { timeout: 20_000, interval: 5 });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(judged).toBe(false);
    const answer = await attempt;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ Success: false, ErrorString: expect.any(String), Tries: 1, MaxTries: 3 });
  }, 90_000);

  it("answers 503 with Retry-After while the pool is full, without using a try of the token", async () => {
    const first = post(await playgroundToken(), maximumAttempt);
    await vi.waitFor(() => expect(server.workers.load.running).toBe(1), { timeout: 20_000, interval: 5 });
    const token = await playgroundToken();
    const response = await fetch(`${server.url}/extension/livenessdetection`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(maximumAttempt),
    });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ Code: "ServerBusy", Message: expect.stringMatching(/busy/) });
    // The playground token's tries row exists from its issue on (it names the user); no try is used.
    const tries = await server.db.prisma.tokenTry.findUnique({ where: { tokenId: String(decodeJwt(token)["tokenid"]) } });
    expect(tries?.tries ?? 0).toBe(0);
    expect((await first).status).toBe(200);
    expect((await post(token, { frames: maximumAttempt.frames.slice(0, 3) })).body).toMatchObject({ Tries: 1 });
  }, 90_000);
});

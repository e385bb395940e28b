import { Router } from "express";
import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Direction } from "../../../common/face/head-pose.js";
import type { BwsTokenVerifier } from "../token/token-verifier.ts";
import { taskFlags } from "../token/token-claims.ts";
import { ForbiddenError } from "../errors.ts";
import { jsonBody } from "../http/input-hygiene.ts";
import type { UsageRecorder } from "../usage/usage-events.ts";
import type { FramePrintStore } from "./frame-print-store.ts";
import type { LivenessFailureLimit } from "./liveness-failure-limit.ts";
import { judgeLivenessAttempt } from "./liveness-judge.ts";
import { livenessBody, type LivenessFrame } from "./liveness.schema.ts";
import { decodeJpegFrame } from "./server-face-detector.ts";
import { chooseFrames } from "../../../common/face/attempt-judge.js";

/**
 * POST /extension/livenessdetection with a BWS token (Bearer) and the attempt's frames.
 * Rules:
 * - The token must be valid, issued for LiveOnly (livenessdetection), with tries left;
 *   each call uses one try, and try k must follow the token's k-th challenge sequence.
 * - A user with too many failed attempts lately (playground tokens) gets 429
 *   (liveness-failure-limit.ts); the try is used all the same.
 * - The BFF judges the frames itself (liveness-judge.ts: faces, turns, continuity,
 *   identity, relief) and refuses frames posted before (frame-print-store.ts); the
 *   answer is `{ Success, ErrorString }` as the BWS answers. Every judged attempt's
 *   fingerprints are kept, and a failure counts against the token's user.
 * - Each attempt counts in the client's usage; frames are kept as samples only when the
 *   client logs images.
 */
export function createLivenessRouter(deps: {
  prisma: PrismaClient;
  verifier: BwsTokenVerifier;
  usage: UsageRecorder;
  failureLimit: LivenessFailureLimit;
  prints: FramePrintStore;
  logger?: Logger;
}): Router {
  const router = Router();
  router.post("/extension/livenessdetection", jsonBody("12mb"), async (req, res) => {
    const started = Date.now();
    const verified = await deps.verifier.verify(req.get("authorization"));
    const { claims, client } = verified;
    if (!(claims.task & taskFlags.livenessdetection)) throw new ForbiddenError("This BWS token was not issued for livenessdetection.");
    const record = (result: "success" | "failure" | "error", errorCode?: string) =>
      deps.usage.record({ clientId: client.id, installationId: client.installationId, operation: "livenessdetection", result, errorCode, durationMs: Date.now() - started });
    if (verified.issuedTo) await deps.failureLimit.assertAllowed(verified.issuedTo);
    let frames: LivenessFrame[];
    try {
      frames = livenessBody.parse(req.body).frames;
    } catch (error) {
      record("error", "InvalidSamples");
      throw error;
    }
    // Only the frames the judge looks at are decoded: the work per attempt stays bounded.
    const decoded = chooseFrames(frames.length).map((index) => ({ t: frames[index].t, ...decodeJpegFrame(frames[index].image, index) }));
    const sequences = claims.challenge ? (JSON.parse(claims.challenge) as Direction[][]) : [];
    const challenges = sequences[Math.min(verified.tries, sequences.length) - 1] ?? [];
    const judgement = await judgeLivenessAttempt({ frames: decoded, challenges });
    let decision = judgement.verdict;
    if (decision.live && (await deps.prints.findReplay(judgement.prints))) {
      decision = { ...decision, live: false, error: "LiveDetectionFailed", reason: "Replay" };
    }
    await deps.prints.record(judgement.prints);
    if (!decision.live && verified.issuedTo) await deps.failureLimit.recordFailure(verified.issuedTo);
    // Which check refused an attempt is for operators, never for the client.
    deps.logger?.info({ liveness: { client: client.name, live: decision.live, reason: decision.reason, trackBreak: decision.track.break, timings: judgement.timings } }, "liveness attempt judged");
    record(decision.live ? "success" : "failure", decision.error);
    if (client.logImages) {
      await deps.prisma.sample.createMany({
        data: decoded.map((frame, frameIndex) => ({
          clientId: client.id,
          installationId: client.installationId,
          operation: "livenessdetection",
          tokenId: claims.tokenid,
          frameIndex,
          contentType: "image/jpeg",
          data: frame.bytes,
        })),
      });
    }
    res.json({ Success: decision.live, ErrorString: decision.error ?? null, Tries: verified.tries, MaxTries: verified.maxTries });
  });
  return router;
}

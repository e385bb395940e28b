import express, { Router } from "express";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { decideLiveness } from "../../../common/face/liveness.js";
import type { Direction } from "../../../common/face/head-pose.js";
import type { BwsTokenVerifier } from "../token/token-verifier.ts";
import { taskFlags } from "../token/token-claims.ts";
import { ForbiddenError } from "../errors.ts";
import type { UsageRecorder } from "../usage/usage-events.ts";
import { livenessBody, type LivenessFrame } from "./liveness.schema.ts";
import type { PlaygroundLimits } from "./playground-limits.ts";
import { decodeJpegFrame, detectFaces } from "./server-face-detector.ts";

/**
 * POST /extension/livenessdetection with a BWS token (Bearer) and the attempt's frames.
 * Rules:
 * - The token must be valid, issued for LiveOnly (livenessdetection), with tries left;
 *   each call uses one try, and try k must follow the token's k-th challenge sequence.
 * - The BFF re-runs face detection on every frame and decides with the same module the
 *   browser uses; the answer is `{ Success, ErrorString }` as the BWS answers.
 * - Each attempt counts in the client's usage; frames are kept as samples only when the
 *   client logs images.
 * - Attempts per user and client and minute are limited (playground-limits.ts).
 */
export function createLivenessRouter(deps: { prisma: PrismaClient; verifier: BwsTokenVerifier; usage: UsageRecorder; limits: PlaygroundLimits }): Router {
  const router = Router();
  router.post("/extension/livenessdetection", express.json({ limit: "12mb" }), async (req, res) => {
    const started = Date.now();
    const verified = await deps.verifier.verify(req.get("authorization"));
    await deps.limits.takeAttempt(verified);
    const { claims, client } = verified;
    if (!(claims.task & taskFlags.livenessdetection)) throw new ForbiddenError("This BWS token was not issued for livenessdetection.");
    const record = (result: "success" | "failure" | "error", errorCode?: string) =>
      deps.usage.record({ clientId: client.id, installationId: client.installationId, operation: "livenessdetection", result, errorCode, durationMs: Date.now() - started });
    let frames: LivenessFrame[];
    try {
      frames = livenessBody.parse(req.body).frames;
    } catch (error) {
      record("error", "InvalidSamples");
      throw error;
    }
    const decoded = frames.map((frame, index) => ({ t: frame.t, ...decodeJpegFrame(frame.image, index) }));
    const detected = [];
    for (const frame of decoded) {
      const faces = await detectFaces(frame.image);
      const best = faces.sort((a, b) => b.score - a.score)[0];
      detected.push({ t: frame.t, keypoints: best?.keypoints ?? [] });
    }
    const sequences = claims.challenge ? (JSON.parse(claims.challenge) as Direction[][]) : [];
    const challenges = sequences[Math.min(verified.tries, sequences.length) - 1] ?? [];
    const decision = decideLiveness({ challenges, frames: detected });
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

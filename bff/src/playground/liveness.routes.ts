import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from "express";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Direction } from "../../../common/face/head-pose.js";
import type { BwsTokenVerifier, VerifiedToken } from "../token/token-verifier.ts";
import { taskFlags } from "../token/token-claims.ts";
import { AppError, ForbiddenError, ServiceUnavailableError } from "../errors.ts";
import type { UsageRecorder } from "../usage/usage-events.ts";
import type { TaskRunner } from "../workers/worker-pool.ts";
import type { PlaygroundLimits } from "./playground-limits.ts";
import { attemptFrames, type AttemptFrame } from "./attempt-frames.ts";
import type { LivenessVerdict } from "./judge-liveness-attempt.ts";
import { livenessBodyLimitBytes, maxAttemptBytes, maxFrames } from "./liveness-limits.ts";
import { cappedJsonBody } from "../http/input-hygiene.ts";
import { discardUnreadBody } from "./discard-unread-body.ts";

/**
 * POST /extension/livenessdetection with a BWS token (Bearer) and the attempt's frames.
 * Rules:
 * - Nothing of the body is read before the worker pool has room and the token is valid,
 *   issued for LiveOnly (livenessdetection), with tries left; a request refused before
 *   its body was read is answered at once, and at most a body's worth of what follows is
 *   discarded (discard-unread-body.ts) before its connection is closed.
 * - Each call uses one try, and try k must follow the token's k-th challenge sequence; a
 *   call the server is too busy to judge gives its try back.
 * - The body and its frames are capped (liveness-limits.ts); decoding, detection and the
 *   decision run in the worker pool, with the same decision module the browser uses. The
 *   answer is `{ Success, ErrorString, Tries, MaxTries }` as the BWS answers.
 * - Each judged attempt counts in the client's usage; frames are kept as samples only
 *   when the client logs images.
 * - Attempts per user and client and minute are limited (playground-limits.ts); an
 *   attempt refused by a limit gives its try back.
 */
export interface LivenessRouterDeps {
  prisma: PrismaClient;
  verifier: BwsTokenVerifier;
  usage: UsageRecorder;
  tasks: TaskRunner;
  limits: PlaygroundLimits;
}

const tooLarge = `An attempt's request body may have at most ${livenessBodyLimitBytes} bytes: at most ${maxFrames} frames with ${maxAttemptBytes} bytes of JPEG together, base64 encoded.`;

/** How long the rest of a refused body is read and thrown away before the connection is closed. */
const unreadBodyLingerMs = 2000;

export function createLivenessRouter(deps: LivenessRouterDeps): Router {
  const router = Router();
  const attempts = new WeakMap<Request, { verified: VerifiedToken; started: number }>();

  const authorize: RequestHandler = async (req, _res, next) => {
    const started = Date.now();
    deps.tasks.assertCapacity();
    const verified = await deps.verifier.verify(req.get("authorization"));
    if (!(verified.claims.task & taskFlags.livenessdetection)) throw new ForbiddenError("This BWS token was not issued for livenessdetection.");
    try {
      await deps.limits.takeAttempt(verified);
    } catch (error) {
      await deps.verifier.refund(verified);
      throw error;
    }
    attempts.set(req, { verified, started });
    next();
  };

  const judge: RequestHandler = async (req, res) => {
    const { verified, started } = attempts.get(req)!;
    const { claims, client } = verified;
    const record = (result: "success" | "failure" | "error", errorCode?: string) =>
      deps.usage.record({ clientId: client.id, installationId: client.installationId, operation: "livenessdetection", result, errorCode, durationMs: Date.now() - started });
    let frames: AttemptFrame[];
    try {
      frames = attemptFrames(req.body);
    } catch (error) {
      record("error", "InvalidSamples");
      throw error;
    }
    const sequences = claims.challenge ? (JSON.parse(claims.challenge) as Direction[][]) : [];
    const challenges = sequences[Math.min(verified.tries, sequences.length) - 1] ?? [];
    let verdict: LivenessVerdict;
    try {
      verdict = await deps.tasks.run("judgeLivenessAttempt", { frames, challenges });
    } catch (error) {
      if (error instanceof ServiceUnavailableError) await deps.verifier.refund(verified);
      else if (error instanceof AppError && error.status < 500) record("error", "InvalidSamples");
      throw error;
    }
    record(verdict.live ? "success" : "failure", verdict.error);
    if (client.logImages) {
      await deps.prisma.sample.createMany({
        data: frames.map((frame, frameIndex) => ({
          clientId: client.id,
          installationId: client.installationId,
          operation: "livenessdetection",
          tokenId: claims.tokenid,
          frameIndex,
          contentType: "image/jpeg",
          data: frame.jpeg,
        })),
      });
    }
    res.json({ Success: verdict.live, ErrorString: verdict.error ?? null, Tries: verified.tries, MaxTries: verified.maxTries });
  };

  const discardUnread: ErrorRequestHandler = (error, req, res, next) => {
    if (!req.complete) res.once("finish", () => discardUnreadBody(req, { maxBytes: livenessBodyLimitBytes, maxMs: unreadBodyLingerMs }));
    next(error);
  };

  router.post("/extension/livenessdetection", authorize, cappedJsonBody({ limit: livenessBodyLimitBytes, tooLarge }), judge);
  router.use(discardUnread);
  return router;
}

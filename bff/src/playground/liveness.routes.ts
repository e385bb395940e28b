import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from "express";
import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Direction } from "../../../common/face/head-pose.js";
import type { BwsTokenVerifier, VerifiedToken } from "../token/token-verifier.ts";
import { taskFlags } from "../token/token-claims.ts";
import { AppError, ForbiddenError, ServiceUnavailableError } from "../errors.ts";
import type { Attempt } from "../limits/limiter.ts";
import type { UsageRecorder } from "../usage/usage-events.ts";
import type { TaskRunner } from "../workers/worker-pool.ts";
import type { PlaygroundLimits } from "./playground-limits.ts";
import type { FramePrintStore } from "./frame-print-store.ts";
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
 * - Attempts per user and client and minute, and failed attempts per user, are limited
 *   (playground-limits.ts); an attempt refused by a limit gives its try back.
 * - The body and its frames are capped (liveness-limits.ts); decoding, faces, landmarks,
 *   embeddings and the decision run in the worker pool (judge-liveness-attempt.ts). The
 *   replay store (frame-print-store.ts) is asked here: an attempt that repeats frames
 *   posted before is not live. Every judged attempt's fingerprints are kept.
 * - The answer is `{ Success, ErrorString, Tries, MaxTries }` as the BWS answers; which
 *   check refused an attempt goes to the log, never to the client.
 * - Each judged attempt counts in the client's usage; frames are kept as samples only
 *   when the client logs images.
 */
export interface LivenessRouterDeps {
  prisma: PrismaClient;
  verifier: BwsTokenVerifier;
  usage: UsageRecorder;
  tasks: TaskRunner;
  limits: PlaygroundLimits;
  prints: FramePrintStore;
  logger?: Logger;
}

const tooLarge = `An attempt's request body may have at most ${livenessBodyLimitBytes} bytes: at most ${maxFrames} frames with ${maxAttemptBytes} bytes of JPEG together, base64 encoded.`;

/** How long the rest of a refused body is read and thrown away before the connection is closed. */
const unreadBodyLingerMs = 2000;

interface StartedAttempt {
  verified: VerifiedToken;
  started: number;
  /** When the token, the limits and the pool had been checked (Date.now()). */
  authorized: number;
  failures?: Attempt;
}

export function createLivenessRouter(deps: LivenessRouterDeps): Router {
  const router = Router();
  const attempts = new WeakMap<Request, StartedAttempt>();

  const authorize: RequestHandler = async (req, _res, next) => {
    const started = Date.now();
    deps.tasks.assertCapacity();
    const verified = await deps.verifier.verify(req.get("authorization"));
    if (!(verified.claims.task & taskFlags.livenessdetection)) throw new ForbiddenError("This BWS token was not issued for livenessdetection.");
    let failures: Attempt | undefined;
    try {
      await deps.limits.takeAttempt(verified);
      failures = await deps.limits.beginJudging(verified);
    } catch (error) {
      await deps.verifier.refund(verified);
      throw error;
    }
    attempts.set(req, { verified, started, authorized: Date.now(), failures });
    next();
  };

  const judge: RequestHandler = async (req, res) => {
    const { verified, started, authorized, failures } = attempts.get(req)!;
    const bodyRead = Date.now();
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
    let judgement: LivenessVerdict;
    try {
      judgement = await deps.tasks.run("judgeLivenessAttempt", { frames, challenges });
    } catch (error) {
      if (error instanceof ServiceUnavailableError) await deps.verifier.refund(verified);
      else if (error instanceof AppError && error.status < 500) record("error", "InvalidSamples");
      throw error;
    }
    const judged = Date.now();
    let verdict = judgement.verdict;
    const replay = verdict.live ? await deps.prints.findReplay(judgement.prints) : undefined;
    if (replay) verdict = { ...verdict, live: false, error: "LiveDetectionFailed", reason: "Replay" };
    const attempt = await deps.prints.record(judgement.prints);
    await failures?.end(verdict.live);
    deps.logger?.info(
      {
        liveness: {
          client: client.name,
          live: verdict.live,
          reason: verdict.reason,
          trackBreak: verdict.track.break,
          reliefRule: verdict.reliefRule,
          // What each turn measured, for diagnosing a verdict (and judging logged attempts again
          // by changed relief rules); the challenges are in the token anyway.
          turns: verdict.turns.map((t) => ({
            asked: t.direction,
            seen: t.observed,
            degrees: round(t.degrees),
            identity: round(t.identityDistance),
            relief: round(t.relief?.relief),
            warp: round(t.relief?.warpRelief),
            wings: round(t.relief?.wings),
            track: round(t.relief?.trackScore),
          })),
          timings: judgement.timings,
          // Where the answer's time went (ms): token, limits and pool checks; reading the body;
          // the frames' header checks and the worker (its queue, the frames' transfer and the
          // judge, whose own stages are `timings`); the replay store and the failure count.
          route: { authorize: authorized - started, body: bodyRead - authorized, worker: judged - bodyRead, store: Date.now() - judged },
          modelThreads: judgement.modelThreads,
          // The id the frames' prints are kept under, and for a replay the earlier attempt and the frames that repeat it.
          attempt,
          replayOf: replay && { attempt: replay.attemptId, frames: replay.frames },
        },
      },
      "liveness attempt judged",
    );
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

  // An attempt that was not judged (refused input, busy pool) counts as no failure.
  const abandonUnjudged: ErrorRequestHandler = (error, req, _res, next) => {
    attempts.get(req)?.failures?.abandon();
    next(error);
  };

  const discardUnread: ErrorRequestHandler = (error, req, res, next) => {
    if (!req.complete) res.once("finish", () => discardUnreadBody(req, { maxBytes: livenessBodyLimitBytes, maxMs: unreadBodyLingerMs }));
    next(error);
  };

  router.post("/extension/livenessdetection", authorize, cappedJsonBody({ limit: livenessBodyLimitBytes, tooLarge }), judge);
  router.use(abandonUnjudged, discardUnread);
  return router;
}

const round = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 1000) / 1000);

import { livenessBody } from "../playground/liveness.schema.ts";
import { tokenQuery } from "../token/token.schema.ts";
import { ok, type ApiOperation } from "./api-operation.ts";
import * as body from "./response-schemas.ts";

const tokenParameters: Record<string, string> = {
  id: "The App-ID; must be the one of the Basic credentials.",
  bcid: "Biometric Class ID `storage.partition.classId`; required except for livenessdetection.",
  task: "verify (default), identify, enroll or livenessdetection.",
  maxtries: "Tries allowed with the token, 1 to 15 (default 3).",
  livedetection: "true (default) or false: require liveness detection.",
  challenge: "true or false (default): add challenge-response to liveness detection.",
  challenges: "Number of challenges, 2 to 7 (default 3).",
  autoenroll: "true or false (default): enroll the samples after a successful verification.",
  traits: "Comma-separated, Face and/or Periocular (default Face,Periocular).",
};

/** The operations outside /api (the rules are in api-operations.ts): the Token Web API, this document, health. */
export const outsideApiOperations: ApiOperation[] = [
  {
    method: "get", path: "/api/openapi.json", operationId: "getOpenApiDocument", tag: "Documentation", auth: "public",
    summary: "This document",
    success: ok("OpenAPI 3.1 document", { type: "object" }),
  },
  {
    method: "get", path: "/extension/token", operationId: "issueBwsToken", tag: "Token Web API", auth: "appSecret",
    summary: "Issue a BWS token (seeds 001/002)",
    description: "Also answered at `/token`. The token is an HS256 JWT that expires after about ten minutes. Repeated wrong App-Secrets (per App-ID and source address), many unknown App-IDs from one source address and too many requests per App-ID answer 429 with Retry-After.",
    query: tokenQuery, parameterDescriptions: tokenParameters, errors: [403, 429],
    success: { status: 200, description: "The BWS token", contentType: "text/plain", schema: { type: "string" } },
  },
  {
    method: "post", path: "/extension/livenessdetection", operationId: "livenessDetection", tag: "Token Web API", auth: "bwsToken",
    summary: "Liveness verdict on an attempt's frames",
    description:
      "Needs a BWS token issued for livenessdetection with tries left; each call uses one try and must follow the token's next challenge sequence. " +
      "At most 60 JPEG frames, each at most 1280x720 pixels and 600,000 bytes, together at most 60 x 640x480 pixels and 4,500,000 bytes. " +
      "While the server's worker pool is full the call is refused with 503 and Retry-After and uses no try. " +
      "Attempts are limited per user (of a playground token) and per client and minute: 429 with Retry-After beyond that, using no try.",
    body: livenessBody, errors: [403, 413, 415, 429, 503],
    success: ok("The verdict, as the BWS answers it", body.livenessResult),
  },
  {
    method: "get", path: "/healthz", operationId: "getHealth", tag: "Health", auth: "public",
    summary: "Liveness: the process answers",
    success: ok("Alive", body.health),
  },
  {
    method: "get", path: "/readyz", operationId: "getReadiness", tag: "Health", auth: "public",
    summary: "Readiness: the configuration database answers", errors: [503],
    success: ok("Ready", body.health),
  },
];

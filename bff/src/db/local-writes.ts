import type { RequestHandler } from "express";
import type { TokenIntrospector } from "../auth/token-introspector.ts";
import type { ChangeFeed } from "./change-feed.ts";

/**
 * Read-your-writes on one instance: change notifications of PostgreSQL may trail the
 * writer's answer by milliseconds (change-feed.ts), so an instance's own successful writes
 * drop the caches they could make stale before the writer can send its next request.
 */

/** After a successful write through the Management API. */
export function announceLocalWrites(changes: ChangeFeed): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.on("finish", () => {
        if (res.statusCode < 400) changes.localWrite();
      });
    }
    next();
  };
}

/** After a revocation or sign-out at the embedded IdP: its tokens' checks are forgotten. */
export function forgetTokensOnRevocation(introspector: TokenIntrospector): RequestHandler {
  return (req, res, next) => {
    if (req.path === "/token/revocation" || req.path.startsWith("/session/end")) {
      res.on("finish", () => introspector.clear());
    }
    next();
  };
}

import type { RequestHandler } from "express";
import type { Principal } from "../access/can.ts";
import { UnauthorizedError } from "../errors.ts";
import { managementScope } from "../idp/provider.ts";
import type { PrincipalCache } from "./principal-cache.ts";
import type { TokenIntrospector } from "./token-introspector.ts";

/**
 * Authenticates every /api request (seed 000: "always validates the access token at the
 * introspection endpoint"). Rules:
 * - `Authorization: Bearer <token>` is required.
 * - The token must be active, carry a `sub`, and hold the `managebws` scope; otherwise 401.
 * - An unreachable issuer is a 503 (raised by the introspector), never a pass.
 */
declare module "express-serve-static-core" {
  interface Request {
    principal?: Principal;
  }
}

export function authenticate(introspector: TokenIntrospector, principals: PrincipalCache): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+([\x21-\x7e]+)\s*$/i.exec(header);
    if (!match) throw new UnauthorizedError("A bearer access token is required: send 'Authorization: Bearer <token>'.");
    const token = await introspector.introspect(match[1]!);
    if (!token.active) throw new UnauthorizedError("The access token is invalid or has expired. Sign in again.");
    if (!token.sub) throw new UnauthorizedError("The access token does not identify a user (no sub claim).");
    if (!(token.scope ?? "").split(" ").includes(managementScope)) {
      throw new UnauthorizedError(`The access token lacks the '${managementScope}' scope.`);
    }
    req.principal = await principals.load(token.sub, token);
    next();
  };
}

export function principalOf(req: { principal?: Principal }): Principal {
  if (!req.principal) throw new UnauthorizedError("Not authenticated.");
  return req.principal;
}

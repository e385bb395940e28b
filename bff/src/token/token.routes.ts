import { Router } from "express";
import { ZodError } from "zod";
import { BadRequestError, describeZodError } from "../errors.ts";
import { sourceAddress } from "../limits/source-address.ts";
import { readBasicAuth } from "./basic-auth.ts";
import { tokenQuery } from "./token.schema.ts";
import type { TokenService } from "./token.service.ts";

/** The BWS Token Web API at both of the seeds' paths; the body is the token string. */
export function createTokenRouter(deps: { tokens: TokenService }): Router {
  const router = Router();
  router.get(["/extension/token", "/token"], async (req, res) => {
    const token = await deps.tokens.issue(readBasicAuth(req.get("authorization")), sourceAddress(req.ip), () => {
      try {
        return tokenQuery.parse(req.query);
      } catch (error) {
        if (error instanceof ZodError) throw new BadRequestError(describeZodError(error), "InvalidParameter");
        throw error;
      }
    });
    res.set("Cache-Control", "no-store").type("text/plain").send(token);
  });
  return router;
}

import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import type { TokenService } from "../token/token.service.ts";

/**
 * POST /api/clients/:name/playground/token: a livenessdetection token with challenges for
 * a client the signed-in user may read, so the playground needs no App-Secret.
 */
export function createPlaygroundRouter(deps: { tokens: TokenService }): Router {
  const router = Router();
  router.post("/clients/:name/playground/token", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    const { token, claims } = await deps.tokens.issueForPlayground(principalOf(req), name);
    res.json({
      token,
      challenges: JSON.parse(claims.challenge ?? "[]") as string[][],
      maxTries: claims.task & 0x0f,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
    });
  });
  return router;
}

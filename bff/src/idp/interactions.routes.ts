import express, { Router } from "express";
import { formBody } from "../http/input-hygiene.ts";
import type Provider from "oidc-provider";
import type { AccountStore } from "./account-store.ts";
import { renderLoginPage } from "./login-page.ts";

/**
 * The embedded provider's user interactions at /oidc/interaction/:uid.
 * - login: a server-rendered form; a wrong password re-renders it with a message and
 *   keeps the username.
 * - consent: every client of the embedded provider is first-party, so the requested
 *   scopes and claims are granted without a consent screen.
 */
export function createInteractionsRouter(provider: Provider, accounts: AccountStore, demoHint: boolean): Router {
  const router = Router();
  const form = formBody("10kb");
  const noStore: express.RequestHandler = (_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  };

  router.get("/interaction/:uid", noStore, async (req, res) => {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.prompt.name === "login") {
      const client = await provider.Client.find(String(interaction.params["client_id"]));
      res.type("html").send(
        renderLoginPage({
          action: `/oidc/interaction/${interaction.uid}/login`,
          abortUrl: `/oidc/interaction/${interaction.uid}/abort`,
          clientName: client?.clientName ?? "the BWS Portal",
          username: typeof interaction.params["login_hint"] === "string" ? interaction.params["login_hint"] : undefined,
          demoHint,
        }),
      );
      return;
    }
    const { details } = interaction.prompt as { details: Record<string, unknown> };
    const accountId = interaction.session?.accountId;
    const grant = interaction.grantId
      ? await provider.Grant.find(interaction.grantId)
      : new provider.Grant({ accountId, clientId: String(interaction.params["client_id"]) });
    if (!grant) throw new Error("interaction grant not found");
    const missingScope = details["missingOIDCScope"] as string[] | undefined;
    const missingClaims = details["missingOIDCClaims"] as string[] | undefined;
    const missingResourceScopes = details["missingResourceScopes"] as Record<string, string[]> | undefined;
    if (missingScope) grant.addOIDCScope(missingScope.join(" "));
    if (missingClaims) grant.addOIDCClaims(missingClaims);
    for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(" "));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  });

  router.post("/interaction/:uid/login", noStore, form, async (req, res) => {
    const interaction = await provider.interactionDetails(req, res);
    const username = typeof req.body?.username === "string" ? req.body.username.slice(0, 200) : "";
    const password = typeof req.body?.password === "string" ? req.body.password.slice(0, 1000) : "";
    const account = username && password ? await accounts.authenticate(username, password) : undefined;
    if (!account) {
      const client = await provider.Client.find(String(interaction.params["client_id"]));
      res.status(401).type("html").send(
        renderLoginPage({
          action: `/oidc/interaction/${interaction.uid}/login`,
          abortUrl: `/oidc/interaction/${interaction.uid}/abort`,
          clientName: client?.clientName ?? "the BWS Portal",
          username,
          error: "The username or password is not correct.",
          demoHint,
        }),
      );
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account.subject } }, { mergeWithLastSubmission: false });
  });

  router.get("/interaction/:uid/abort", noStore, async (req, res) => {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The user cancelled the sign-in." },
      { mergeWithLastSubmission: false },
    );
  });

  return router;
}

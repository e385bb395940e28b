import express, { Router } from "express";
import { ServiceUnavailableError } from "../errors.ts";
import { formBody } from "../http/input-hygiene.ts";
import type Provider from "oidc-provider";
import { sourceAddress } from "../limits/source-address.ts";
import type { Account, AccountStore } from "./account-store.ts";
import type { KnownDeviceCookie } from "./known-device-cookie.ts";
import { renderLoginPage } from "./login-page.ts";
import { normalise, type SignInLimits } from "./sign-in-limits.ts";

/**
 * The embedded provider's user interactions at /oidc/interaction/:uid.
 * - login: a server-rendered form; a wrong password re-renders it with a message (401)
 *   and keeps the username. Too many failures (sign-in-limits.ts) re-render it with 429,
 *   Retry-After and how long to wait, before the password is checked. A success renews
 *   the browser's known-device cookie for this user.
 * - consent: every client of the embedded provider is first-party, so the requested
 *   scopes and claims are granted without a consent screen.
 */
export interface InteractionsDeps {
  provider: Provider;
  accounts: AccountStore;
  limits: SignInLimits;
  knownDevices: KnownDeviceCookie;
  demoHint: boolean;
}

export function createInteractionsRouter(deps: InteractionsDeps): Router {
  const { provider, accounts, demoHint } = deps;
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
    const username = typeof req.body?.username === "string" ? req.body.username.slice(0, 200) : "";
    const password = typeof req.body?.password === "string" ? req.body.password.slice(0, 1000) : "";
    const device = deps.knownDevices.read(req.get("cookie"));
    const knownDeviceId = deps.knownDevices.knows(device, normalise(username)) ? device?.id : undefined;
    const render = (status: number, uid: string, clientName: string, error: string) => {
      res.status(status).type("html").send(
        renderLoginPage({
          action: `/oidc/interaction/${encodeURIComponent(uid)}/login`,
          abortUrl: `/oidc/interaction/${encodeURIComponent(uid)}/abort`,
          clientName,
          username,
          error,
          demoHint,
        }),
      );
    };

    // Limits first: a refused guess costs no database read of the interaction (with the
    // embedded database that read runs on the event loop).
    const started = await deps.limits.beginLogin({ username, source: sourceAddress(req.ip), knownDeviceId });
    if ("refusal" in started) {
      res.set("Retry-After", String(started.refusal.retryAfterSeconds));
      render(429, String(req.params["uid"]), "the BWS Portal", started.refusal.message);
      return;
    }
    let interaction: Awaited<ReturnType<Provider["interactionDetails"]>>;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch (error) {
      started.attempt.abandon();
      throw error;
    }
    const rerender = async (status: number, error: string) => {
      const client = await provider.Client.find(String(interaction.params["client_id"]));
      render(status, interaction.uid, client?.clientName ?? "the BWS Portal", error);
    };
    let account: Account | undefined;
    try {
      account = username && password ? await accounts.authenticate(username, password) : undefined;
    } catch (error) {
      // Too busy to check the password (worker gate full): neither a success nor a failure.
      started.attempt.abandon();
      if (!(error instanceof ServiceUnavailableError)) throw error;
      res.set(error.headers);
      await rerender(503, "Too many sign-ins right now. Try again in a few seconds.");
      return;
    }
    await started.attempt.end(account !== undefined);
    if (!account) {
      await rerender(401, "The username or password is not correct.");
      return;
    }
    res.append("Set-Cookie", deps.knownDevices.issue(device, normalise(username)));
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

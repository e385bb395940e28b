import { page } from "./login-page.ts";

/**
 * The embedded IdP's sign-out pages (oidc-provider's `logoutSource` and
 * `postLogoutSuccessSource`). Rules:
 * - Any site can send a browser to /oidc/session/end, so the sign-out is confirmed with a
 *   click unless the request carries an ID token that the portal holds for exactly this
 *   session: issued to the portal, for the signed-in account, after this session's login.
 *   oidc-provider has already checked the hint's signature and issuer, or refused it.
 * - The vouched-for sign-out submits itself through a script file, never inline script.
 * - The form's xsrf value binds the POST to this browser's session.
 */
export const logoutScriptPath = "/oidc/ui/logout.js";

export const logoutScript = `"use strict";
// Loaded only on a sign-out the portal asked for with a valid id_token_hint.
document.getElementById("op.logoutForm").submit();
`;

/** The parts of oidc-provider's context the decision reads. */
export interface LogoutContext {
  readonly oidc: {
    readonly entities: { readonly IdTokenHint?: { readonly payload: Readonly<Record<string, unknown>> } | undefined };
    readonly session?: { readonly accountId?: string | undefined; readonly loginTs?: number | undefined } | undefined;
    readonly client?: { readonly clientId: string } | undefined;
  };
}

export function logoutIsVouchedFor(ctx: LogoutContext, portalClientId: string): boolean {
  const hint = ctx.oidc.entities.IdTokenHint;
  const session = ctx.oidc.session;
  if (!hint || !session?.accountId || ctx.oidc.client?.clientId !== portalClientId) return false;
  const { sub, iat } = hint.payload;
  return sub === session.accountId && typeof iat === "number" && typeof session.loginTs === "number" && iat >= session.loginTs;
}

/** `form` is oidc-provider's own hidden form (`op.logoutForm`, its values already escaped). */
export function renderLogoutPage(form: string, vouchedFor: boolean): string {
  if (vouchedFor) {
    const confirmed = form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>');
    return page(
      "Sign out",
      `<h1>Signing out…</h1><p class="sub">You are being signed out of the BWS Portal.</p>${confirmed}
<button type="submit" form="op.logoutForm">Sign out</button>
<script src="${logoutScriptPath}"></script>`,
    );
  }
  return page(
    "Sign out",
    `<h1>Sign out?</h1><p class="sub">Do you want to sign out of the BWS Portal in this browser?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<p class="hint"><a href="/">Cancel</a> and stay signed in.</p>`,
  );
}

export function renderSignedOutPage(): string {
  return page(
    "Signed out",
    `<h1>You are signed out</h1><p class="sub">Your BWS Portal session has ended in this browser.</p>
<p class="hint"><a href="/">Back to the portal</a></p>`,
  );
}

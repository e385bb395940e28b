import type Provider from "oidc-provider";
import { errors, type KoaContextWithOIDC } from "oidc-provider";
import { isUnsafeText } from "../http/unsafe-text.ts";
import type { AccountStore } from "./account-store.ts";

/**
 * The resource-owner password grant of seed 000's technical-account scripts.
 * Rules:
 * - Only clients registered with `password` among their grant types may use it.
 * - Every requested scope must be one the client may request; none means `managebws`.
 * - A refresh token is issued only for `offline_access`, and it does not slide
 *   (seed: "the refresh-token expires after 8 days").
 */
export const passwordGrantType = "password";
export const passwordGrantParameters = ["username", "password", "scope"];

export function createPasswordGrantHandler(provider: Provider, accounts: AccountStore) {
  return async function passwordGrant(ctx: KoaContextWithOIDC): Promise<void> {
    const client = ctx.oidc.client;
    if (!client) throw new errors.InvalidClient("client authentication failed");
    const params = ctx.oidc.params as Record<string, string | undefined>;
    const username = params["username"];
    const password = params["password"];
    if (!username || !password) throw new errors.InvalidRequest("username and password are required");
    if (isUnsafeText(username) || isUnsafeText(password)) {
      throw new errors.InvalidRequest("username and password must not contain NUL characters or unpaired UTF-16 surrogates");
    }

    const allowed = new Set((client.scope ?? "").split(" ").filter(Boolean));
    const requested = (params["scope"] ?? "managebws").split(" ").filter(Boolean);
    const refused = requested.filter((scope) => !allowed.has(scope));
    if (refused.length) throw new errors.InvalidScope("requested scope is not allowed", refused.join(" "));

    const account = await accounts.authenticate(username, password);
    if (!account) throw new errors.InvalidGrant("invalid username or password");

    const scope = requested.join(" ");
    const grant = new provider.Grant({ accountId: account.subject, clientId: client.clientId });
    grant.addOIDCScope(scope);
    const grantId = await grant.save();

    const accessToken = new provider.AccessToken({ accountId: account.subject, client, grantId, gty: passwordGrantType, scope });
    const accessTokenValue = await accessToken.save();

    let refreshTokenValue: string | undefined;
    if (requested.includes("offline_access") && client.grantTypeAllowed("refresh_token")) {
      const refreshToken = new provider.RefreshToken({
        accountId: account.subject,
        client,
        grantId,
        gty: passwordGrantType,
        scope,
      });
      refreshTokenValue = await refreshToken.save();
    }

    ctx.body = {
      access_token: accessTokenValue,
      token_type: "Bearer",
      expires_in: accessToken.expiration,
      scope,
      ...(refreshTokenValue ? { refresh_token: refreshTokenValue } : {}),
    };
  };
}

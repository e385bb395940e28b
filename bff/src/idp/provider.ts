import Provider, { type ClientMetadata, type Configuration, type JWK } from "oidc-provider";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { AccountStore } from "./account-store.ts";
import { createPasswordGrantHandler, passwordGrantParameters, passwordGrantType } from "./password-grant.ts";
import { createPrismaAdapterFactory } from "./prisma-adapter.ts";
import { renderIdpErrorPage, renderLogoutPage } from "./login-page.ts";

/**
 * The embedded OpenID Provider at $PUBLIC_URL/oidc.
 * - Portal: public client, authorization code + PKCE, rotating refresh tokens.
 * - bws-swagger: Swagger UI at /api/docs, public like the portal; it may only redirect to
 *   Swagger UI's oauth2-redirect.html.
 * - bws-scripts: confidential; password, refresh-token and client-credentials grants with
 *   `managebws offline_access` (seed 000); its refresh tokens do not slide and last 8 days.
 * - The BFF authenticates to RFC 7662 introspection as its own confidential client.
 * - Access tokens are opaque: only introspection can tell what they are worth.
 * - Client-credentials tokens carry `sub = client:<client_id>`, the technical account.
 */
export const managementScope = "managebws";
export const scriptsClientId = "bws-scripts";
export const swaggerClientId = "bws-swagger";
export const swaggerRedirectPath = "/api/docs/oauth2-redirect.html";

export interface EmbeddedIdpOptions {
  issuer: string;
  publicUrl: string;
  portalClientId: string;
  scriptsClientSecret: string;
  introspectionClientId: string;
  introspectionClientSecret: string;
  signingKey: JWK;
  cookieKeys: string[];
  prisma: PrismaClient;
  accounts: AccountStore;
}

export function createProvider(options: EmbeddedIdpOptions): Provider {
  const { accounts } = options;
  const clients: ClientMetadata[] = [
    {
      client_id: options.portalClientId,
      client_name: "BWS Portal",
      application_type: "web",
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      redirect_uris: [`${options.publicUrl}/`],
      post_logout_redirect_uris: [`${options.publicUrl}/`],
      scope: `openid profile email offline_access ${managementScope}`,
    },
    {
      client_id: swaggerClientId,
      client_name: "BWS Management API documentation (Swagger UI)",
      application_type: "web",
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      redirect_uris: [`${options.publicUrl}${swaggerRedirectPath}`],
      scope: `openid profile email ${managementScope}`,
    },
    {
      client_id: scriptsClientId,
      client_name: "BWS scripts (technical accounts)",
      client_secret: options.scriptsClientSecret,
      token_endpoint_auth_method: "client_secret_post",
      grant_types: [passwordGrantType, "refresh_token", "client_credentials"],
      response_types: [],
      redirect_uris: [],
      scope: `openid profile email offline_access ${managementScope}`,
    },
    {
      client_id: options.introspectionClientId,
      client_name: "BWS Management API",
      client_secret: options.introspectionClientSecret,
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: [],
      response_types: [],
      redirect_uris: [],
    },
  ];

  const configuration: Configuration = {
    adapter: createPrismaAdapterFactory(options.prisma),
    clients,
    jwks: { keys: [options.signingKey] },
    cookies: { keys: options.cookieKeys },
    scopes: ["openid", "offline_access", "profile", "email", managementScope],
    claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email"] },
    clientAuthMethods: ["none", "client_secret_basic", "client_secret_post"],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // Only the BFF (and a client asking about its own tokens) may introspect.
      introspection: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) =>
          client.clientId === options.introspectionClientId || client.clientId === token.clientId,
      },
      // A client revokes only its own tokens (RFC 7009 §2.1).
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => client.clientId === token.clientId },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: (ctx, form) => void (ctx.body = renderLogoutPage(form)) },
    },
    ttl: {
      AccessToken: 3600,
      ClientCredentials: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: (_ctx, token) => (token.clientId === scriptsClientId ? 8 * 24 * 3600 : 14 * 24 * 3600),
    },
    // The portal is a public client: it gets a refresh token without the consent round
    // trip that `offline_access` would otherwise need.
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed("refresh_token") &&
      (code.scopes.has("offline_access") || client.clientAuthMethod === "none"),
    rotateRefreshToken: (ctx) => ctx.oidc.client?.clientAuthMethod === "none",
    // Browsers reach the IdP only from the portal's own origin.
    clientBasedCORS: (_ctx, origin) => origin === new URL(options.publicUrl).origin,
    extraTokenClaims: async (_ctx, token) =>
      token.kind === "ClientCredentials" ? { sub: `client:${token.clientId}` } : undefined,
    findAccount: async (_ctx, sub) => {
      const account = await accounts.findBySubject(sub);
      if (!account) return undefined;
      return {
        accountId: account.subject,
        claims: async () => ({
          sub: account.subject,
          name: account.displayName,
          preferred_username: account.username,
          email: account.email ?? undefined,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderIdpErrorPage(out.error_description ?? out.error);
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.publicUrl.startsWith("https://");
  provider.registerGrantType(passwordGrantType, createPasswordGrantHandler(provider, accounts), passwordGrantParameters);
  return provider;
}

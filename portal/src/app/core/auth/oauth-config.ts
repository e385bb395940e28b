import { AuthConfig } from 'angular-oauth2-oidc';

import { PortalConfig } from './portal-config';

/**
 * How the portal signs in:
 * - authorization code flow with PKCE; the portal is a public client without a secret;
 * - it returns to the site root, where start-up completes the login and restores the page;
 * - no silent-refresh iframe: refresh tokens renew access (see token-refresh.ts);
 * - plain HTTP is accepted for localhost issuers and for an issuer on the portal's own
 *   origin (the embedded IdP): such a page is no safer than the sign-in it would refuse.
 */
export function oauthConfigFor(config: PortalConfig, origin: string): AuthConfig {
  return {
    issuer: config.issuer,
    clientId: config.clientId,
    scope: config.scope,
    responseType: 'code',
    redirectUri: `${origin}/`,
    postLogoutRedirectUri: `${origin}/`,
    useSilentRefresh: false,
    sessionChecksEnabled: false,
    showDebugInformation: false,
    requireHttps: config.issuer.startsWith(`${origin}/`) ? false : 'remoteOnly',
    clearHashAfterLogin: true,
  };
}

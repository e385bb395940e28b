import { OAuthStorage } from 'angular-oauth2-oidc';

/**
 * Where angular-oauth2-oidc keeps tokens, nonce and PKCE verifier: this tab's sessionStorage.
 * - Never localStorage: tokens there are shared by every tab of the origin and outlive the
 *   browser session. In sessionStorage they belong to one tab and end with it.
 * - Each tab signs in on its own; a new tab gets its tokens through the IdP session without
 *   a password. A sign-out reaches the other tabs through a BroadcastChannel (auth-store.ts),
 *   and a duplicated tab drops the tokens it copied (token-chain.ts).
 */
export function authStorage(): OAuthStorage {
  return sessionStorage;
}

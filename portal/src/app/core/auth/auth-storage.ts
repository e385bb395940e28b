import { Injectable } from '@angular/core';
import { OAuthStorage } from 'angular-oauth2-oidc';

/**
 * Where angular-oauth2-oidc keeps its state.
 * - Tokens live in localStorage, so every tab of the portal shares one sign-in and sees
 *   refreshes and sign-outs made by the others (through the `storage` event).
 * - The nonce and PKCE verifier of a login in progress live in sessionStorage: they belong to
 *   the tab that started that login, and two tabs signing in at once must not overwrite them.
 */
const PER_TAB_KEYS: ReadonlySet<string> = new Set(['nonce', 'PKCE_verifier']);

@Injectable()
export class AuthStorage implements OAuthStorage {
  getItem(key: string): string | null {
    return this.storageFor(key).getItem(key);
  }

  setItem(key: string, data: string): void {
    this.storageFor(key).setItem(key, data);
  }

  removeItem(key: string): void {
    this.storageFor(key).removeItem(key);
  }

  private storageFor(key: string): Storage {
    return PER_TAB_KEYS.has(key) ? sessionStorage : localStorage;
  }
}

/** Storage keys whose change in another tab means the shared sign-in changed. */
export const SHARED_TOKEN_KEYS: ReadonlySet<string> = new Set(['access_token', 'expires_at']);

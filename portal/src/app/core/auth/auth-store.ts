import { DOCUMENT, Location } from '@angular/common';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, ErrorHandler, Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { OAuthErrorEvent, OAuthService } from 'angular-oauth2-oidc';
import { firstValueFrom } from 'rxjs';

import { isJsonObject } from '../http/json-parse';
import { Me } from './me';
import { MeApi } from './me-api';
import { oauthConfigFor } from './oauth-config';
import { fetchPortalConfig } from './portal-config';
import { TOKEN_CHAIN } from './token-chain';
import { MIN_TOKEN_VALIDITY_MS, TokenRefresh, refreshDelay } from './token-refresh';

/** After a failed scheduled refresh, try again this much later while the token still works. */
const REFRESH_RETRY_MS = 30_000;

/** The channel on which a tab tells the others that the user signed out. */
export const AUTH_CHANNEL = 'bws-portal-auth';
export const SIGNED_OUT_MESSAGE = 'signed-out';

/**
 * The signed-in user and this tab's tokens (kept per tab, see auth-storage.ts).
 * - Start-up reads /portal-config.json, completes a returning login and, when only the refresh
 *   token is still valid, renews the access token before the first page renders.
 * - Tokens copied from another tab (a duplicated tab) are dropped, and the tab signs in
 *   again through the IdP session (token-chain.ts).
 * - Access tokens are renewed shortly before they expire and after a 401 (token-refresh.ts).
 * - Signing out tells the other tabs, which drop their tokens and show /signed-out.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly oauth = inject(OAuthService);
  private readonly http = inject(HttpClient);
  private readonly meApi = inject(MeApi);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly document = inject(DOCUMENT);
  private readonly errorHandler = inject(ErrorHandler);
  private readonly destroyRef = inject(DestroyRef);
  private readonly tokenChain = inject(TOKEN_CHAIN);

  private readonly authenticatedState = signal(false);
  private readonly meState = signal<Me | null>(null);
  private readonly loadingState = signal(false);
  private readonly signInErrorState = signal<string | null>(null);

  readonly isAuthenticated = this.authenticatedState.asReadonly();
  /** The user as /api/me describes them; null until loaded. */
  readonly me = this.meState.asReadonly();
  /** True while /api/me loads. */
  readonly loading = this.loadingState.asReadonly();
  /** Why the last sign-in did not complete; null when it did or none was attempted. */
  readonly signInError = this.signInErrorState.asReadonly();

  private readonly tokenRefresh = new TokenRefresh({
    readExpiry: () => this.tokenExpiry(),
    refreshTokens: async () => {
      await this.oauth.refreshToken();
    },
    now: () => Date.now(),
  });
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private signInStarted = false;
  private otherTabs: BroadcastChannel | undefined;

  constructor() {
    this.destroyRef.onDestroy(() => clearTimeout(this.refreshTimer));
  }

  /** Runs once before the app renders (provideAppInitializer). */
  async initialize(): Promise<void> {
    const config = await firstValueFrom(fetchPortalConfig(this.http));
    this.oauth.configure(oauthConfigFor(config, this.document.location.origin));
    const storedRefreshToken = this.oauth.getRefreshToken();
    try {
      await this.oauth.loadDiscoveryDocumentAndTryLogin();
      this.restoreReturnUrl();
    } catch (error) {
      this.signInErrorState.set(describeSignInError(error));
    }
    this.listenToOtherTabs();
    if (!(await this.claimTokens(storedRefreshToken))) return;
    if (this.oauth.hasValidAccessToken()) {
      this.markSignedIn();
    } else if (this.oauth.getRefreshToken() && (await this.renewAccessToken(this.tokenExpiry()))) {
      this.markSignedIn();
    }
  }

  /** Expiry (epoch ms) of the stored access token; 0 when there is none. */
  tokenExpiry(): number {
    return this.oauth.getAccessTokenExpiration() || 0;
  }

  /** Sends the browser to the IdP; after sign-in the portal returns to `returnUrl`. */
  signIn(returnUrl: string = this.router.url): void {
    if (this.signInStarted) return;
    this.signInStarted = true;
    if (!this.oauth.discoveryDocumentLoaded) {
      // The IdP was unreachable at start-up: starting over is the only way to retry discovery.
      this.document.location.assign(returnUrl);
      return;
    }
    this.oauth.initCodeFlow(returnUrl);
  }

  /**
   * Tells the other tabs, revokes the tokens (best effort) and ends the session at the IdP,
   * sending this tab's ID token along so that the IdP signs out without asking again.
   */
  async signOut(): Promise<void> {
    clearTimeout(this.refreshTimer);
    this.otherTabs?.postMessage(SIGNED_OUT_MESSAGE);
    this.tokenChain.drop();
    if (this.oauth.revocationEndpoint) {
      try {
        await this.oauth.revokeTokenAndLogout();
        return;
      } catch {
        // Revocation is best effort: the IdP session still ends through the logout below.
      }
    }
    this.oauth.logOut();
  }

  /**
   * Called after the API answered 401 to a request sent with the token expiring at
   * `staleExpiry`. True when a newer token is available and the request may be retried;
   * otherwise the user is sent to sign in again.
   */
  async recoverFromUnauthorized(staleExpiry: number): Promise<boolean> {
    if (this.oauth.getRefreshToken() && (await this.renewAccessToken(staleExpiry))) return true;
    this.signIn();
    return false;
  }

  /**
   * Starts a token chain for tokens this start-up received from a sign-in, or claims the
   * chain of the stored ones. False when another tab holds that chain: the tokens were
   * copied with the tab, so this tab forgets them and signs in on its own.
   */
  private async claimTokens(storedRefreshToken: string | null): Promise<boolean> {
    const refreshToken = this.oauth.getRefreshToken();
    if (!refreshToken) return true;
    if (refreshToken !== storedRefreshToken) {
      await this.tokenChain.startNew();
      return true;
    }
    if (await this.tokenChain.claimStored()) return true;
    this.tokenChain.drop();
    this.oauth.logOut(true);
    return false;
  }

  private async renewAccessToken(staleExpiry: number): Promise<boolean> {
    try {
      await this.tokenRefresh.refresh(staleExpiry);
    } catch {
      // angular-oauth2-oidc has logged the failure; callers decide between retrying and signing in.
      return false;
    }
    this.scheduleRefresh();
    return true;
  }

  private markSignedIn(): void {
    this.signInErrorState.set(null);
    this.authenticatedState.set(true);
    this.scheduleRefresh();
    this.loadMe();
  }

  private markSignedOut(): void {
    clearTimeout(this.refreshTimer);
    this.authenticatedState.set(false);
    this.meState.set(null);
    void this.router.navigate(['/signed-out']);
  }

  private loadMe(): void {
    this.loadingState.set(true);
    this.meApi.load().subscribe({
      next: (me) => {
        this.meState.set(me);
        this.loadingState.set(false);
      },
      error: (error: unknown) => {
        this.loadingState.set(false);
        this.errorHandler.handleError(error);
      },
    });
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const expiresAt = this.tokenExpiry();
    if (!expiresAt || !this.oauth.getRefreshToken()) return;
    this.refreshTimer = setTimeout(() => void this.refreshOnSchedule(expiresAt), refreshDelay(expiresAt, Date.now()));
  }

  private async refreshOnSchedule(expiresAt: number): Promise<void> {
    if (await this.renewAccessToken(expiresAt)) return;
    if (expiresAt - Date.now() > REFRESH_RETRY_MS + MIN_TOKEN_VALIDITY_MS) {
      this.refreshTimer = setTimeout(() => void this.refreshOnSchedule(expiresAt), REFRESH_RETRY_MS);
    }
  }

  private listenToOtherTabs(): void {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(AUTH_CHANNEL);
    channel.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.data === SIGNED_OUT_MESSAGE) this.followSignOut();
    });
    this.otherTabs = channel;
    this.destroyRef.onDestroy(() => channel.close());
  }

  /** Another tab signed out, which revoked this tab's tokens too at the embedded IdP. */
  private followSignOut(): void {
    this.tokenChain.drop();
    this.oauth.logOut(true);
    if (this.authenticatedState()) this.markSignedOut();
  }

  /** Puts the page the user asked for before the IdP round trip back into the address bar. */
  private restoreReturnUrl(): void {
    const returnUrl = safeReturnUrl(this.oauth.state);
    if (returnUrl) this.location.replaceState(returnUrl);
  }
}

/** Only same-site paths are followed, so a crafted `state` cannot send the user elsewhere. */
function safeReturnUrl(state: string | undefined): string | null {
  if (!state) return null;
  let url: string;
  try {
    url = decodeURIComponent(state);
  } catch {
    return null;
  }
  const leavesSite = url.startsWith('//') || url.startsWith('/\\');
  return url.startsWith('/') && !leavesSite ? url : null;
}

function describeSignInError(error: unknown): string {
  if (error instanceof OAuthErrorEvent && isJsonObject(error.params)) {
    const description = error.params['error_description'] ?? error.params['error'];
    if (typeof description === 'string') return `The identity provider answered: ${description}`;
  }
  if (error instanceof HttpErrorResponse) {
    return 'The sign-in service could not be reached. Check your connection and try again.';
  }
  return 'Sign-in did not complete. Try again.';
}

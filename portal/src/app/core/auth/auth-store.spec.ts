import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { OAuthErrorEvent, OAuthService } from 'angular-oauth2-oidc';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { AUTH_CHANNEL, AuthStore, SIGNED_OUT_MESSAGE } from './auth-store';
import { FakeChainLocks, FakeTabStorage } from './testing/fake-chain-locks';
import { TOKEN_CHAIN, TOKEN_CHAIN_KEY, TokenChain } from './token-chain';

const CONFIG = {
  issuer: 'http://localhost:8080/oidc',
  clientId: 'bws-portal',
  scope: 'openid profile email offline_access managebws',
};
const ME = {
  id: '6f1c2a8e-0000-4000-8000-000000000010',
  username: 'owner',
  displayName: 'Olivia Owner',
  email: 'owner@demo.local',
  isPlatformAdmin: false,
  installations: [{ id: '6f1c2a8e-0000-4000-8000-0000000000aa', name: 'demo', role: 'Owner', expiresAt: null }],
  clients: [],
};
const HOUR = 3_600_000;

/** The parts of OAuthService the store uses, backed by plain fields instead of storage. */
class FakeOAuthService {
  discoveryDocumentLoaded = true;
  revocationEndpoint: string | undefined;
  state: string | undefined;
  accessToken: string | null = null;
  refreshTokenValue: string | null = null;
  expiresAt = 0;
  configure = vi.fn();
  loadDiscoveryDocumentAndTryLogin = vi.fn(async () => true);
  initCodeFlow = vi.fn();
  /** `logOut(true)` forgets the tokens without leaving the page. */
  logOut = vi.fn((_noRedirect?: boolean) => {
    this.accessToken = null;
    this.refreshTokenValue = null;
    this.expiresAt = 0;
  });
  revokeTokenAndLogout = vi.fn(async () => this.logOut());
  refreshToken = vi.fn(async () => {
    this.accessToken = 'renewed-token';
    this.expiresAt = Date.now() + HOUR;
  });
  getAccessToken = () => this.accessToken;
  getRefreshToken = () => this.refreshTokenValue;
  getAccessTokenExpiration = () => this.expiresAt;
  hasValidAccessToken = () => this.accessToken !== null && this.expiresAt > Date.now();

  signedIn(): void {
    this.accessToken = 'access-token';
    this.refreshTokenValue = 'refresh-token';
    this.expiresAt = Date.now() + HOUR;
  }
}

describe('AuthStore', () => {
  let oauth: FakeOAuthService;
  let backend: HttpTestingController;
  let store: AuthStore;
  /** The Web Locks every tab of the browser shares, and this tab's sessionStorage. */
  let locks: FakeChainLocks;
  let tabStorage: FakeTabStorage;

  beforeEach(() => {
    oauth = new FakeOAuthService();
    locks = new FakeChainLocks();
    tabStorage = new FakeTabStorage();
    let chains = 0;
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideLocationMocks(),
        { provide: OAuthService, useValue: oauth },
        { provide: TOKEN_CHAIN, useFactory: () => new TokenChain({ locks, storage: tabStorage, newId: () => `chain-${++chains}` }) },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(AuthStore);
  });

  async function initialize(): Promise<void> {
    const done = store.initialize();
    backend.expectOne('/portal-config.json').flush(CONFIG);
    await done;
  }

  it('configures the code flow with PKCE from /portal-config.json, returning to the site root', async () => {
    await initialize();

    expect(oauth.configure).toHaveBeenCalledWith(
      expect.objectContaining({
        issuer: CONFIG.issuer,
        clientId: 'bws-portal',
        responseType: 'code',
        redirectUri: `${location.origin}/`,
        useSilentRefresh: false,
      }),
    );
  });

  it('is signed in and loads /api/me when a valid token is stored', async () => {
    oauth.signedIn();
    await initialize();

    expect(store.isAuthenticated()).toBe(true);
    expect(store.loading()).toBe(true);
    backend.expectOne('/api/me').flush(ME);
    expect(store.me()?.displayName).toBe('Olivia Owner');
    expect(store.loading()).toBe(false);
  });

  it('renews an expired access token with the refresh token before the first page renders', async () => {
    oauth.refreshTokenValue = 'refresh-token';
    oauth.accessToken = 'expired-token';
    oauth.expiresAt = Date.now() - 1;

    await initialize();

    expect(oauth.refreshToken).toHaveBeenCalledTimes(1);
    expect(store.isAuthenticated()).toBe(true);
    backend.expectOne('/api/me').flush(ME);
  });

  it('stays signed out and keeps the reason when the IdP refused the sign-in', async () => {
    oauth.loadDiscoveryDocumentAndTryLogin.mockRejectedValue(
      new OAuthErrorEvent('code_error', {}, { error: 'access_denied', error_description: 'End-User aborted interaction' }),
    );

    await initialize();

    expect(store.isAuthenticated()).toBe(false);
    expect(store.signInError()).toContain('End-User aborted interaction');
  });

  it('returns to the page requested before the sign-in round trip', async () => {
    oauth.state = encodeURIComponent('/installations?tab=2');
    oauth.signedIn();

    await initialize();

    expect(TestBed.inject(Location).path()).toBe('/installations?tab=2');
  });

  it('ignores a return URL that would leave the site', async () => {
    oauth.state = encodeURIComponent('//evil.example/phish');
    oauth.signedIn();

    await initialize();

    expect(TestBed.inject(Location).path()).toBe('');
  });

  it('starts a token chain for the tokens of a sign-in that start-up just completed', async () => {
    oauth.loadDiscoveryDocumentAndTryLogin.mockImplementation(async () => {
      oauth.signedIn();
      return true;
    });

    await initialize();

    expect(store.isAuthenticated()).toBe(true);
    expect(tabStorage.getItem(TOKEN_CHAIN_KEY)).toBe('chain-1');
    expect(locks.held).toEqual(new Set(['bws-token-chain:chain-1']));
    backend.expectOne('/api/me').flush(ME);
  });

  it('drops tokens copied into a duplicated tab while the original tab uses them, and signs in on its own', async () => {
    const originalTab = new TokenChain({ locks, storage: tabStorage, newId: () => 'chain-original' });
    await originalTab.startNew();
    oauth.signedIn();

    await initialize();

    expect(store.isAuthenticated()).toBe(false);
    expect(oauth.logOut).toHaveBeenCalledWith(true);
    expect(oauth.getRefreshToken()).toBeNull();
    expect(oauth.refreshToken).not.toHaveBeenCalled();
    backend.expectNone('/api/me');
  });

  it('keeps its stored tokens after a reload, when no other tab holds their chain', async () => {
    tabStorage.setItem(TOKEN_CHAIN_KEY, 'chain-before-reload');
    oauth.signedIn();

    await initialize();

    expect(store.isAuthenticated()).toBe(true);
    expect(locks.held).toEqual(new Set(['bws-token-chain:chain-before-reload']));
    backend.expectOne('/api/me').flush(ME);
  });

  it('tells the other tabs when the user signs out, and ends the session at the IdP', async () => {
    oauth.signedIn();
    await initialize();
    backend.expectOne('/api/me').flush(ME);
    const otherTab = new BroadcastChannel(AUTH_CHANNEL);
    const received = new Promise<unknown>((resolve) => otherTab.addEventListener('message', (event) => resolve(event.data)));

    await store.signOut();

    await expect(received).resolves.toBe(SIGNED_OUT_MESSAGE);
    expect(oauth.logOut).toHaveBeenCalledTimes(1);
    expect(tabStorage.getItem(TOKEN_CHAIN_KEY)).toBeNull();
    otherTab.close();
  });

  it('follows a sign-out made in another tab: forgets its tokens and shows /signed-out', async () => {
    oauth.signedIn();
    await initialize();
    backend.expectOne('/api/me').flush(ME);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const otherTab = new BroadcastChannel(AUTH_CHANNEL);

    otherTab.postMessage(SIGNED_OUT_MESSAGE);

    await vi.waitFor(() => expect(store.isAuthenticated()).toBe(false));
    expect(store.me()).toBeNull();
    expect(oauth.logOut).toHaveBeenCalledWith(true);
    expect(oauth.getAccessToken()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/signed-out']);
    otherTab.close();
  });

  it('sends the user to sign in when a 401 cannot be recovered by a refresh', async () => {
    oauth.signedIn();
    await initialize();
    backend.expectOne('/api/me').flush(ME);
    oauth.refreshToken.mockRejectedValue(new Error('invalid_grant'));

    const recovered = await store.recoverFromUnauthorized(oauth.expiresAt);

    expect(recovered).toBe(false);
    expect(oauth.initCodeFlow).toHaveBeenCalledTimes(1);
  });

  it('retries after a 401 once the refresh stored a newer token', async () => {
    oauth.signedIn();
    await initialize();
    backend.expectOne('/api/me').flush(ME);

    await expect(store.recoverFromUnauthorized(oauth.expiresAt)).resolves.toBe(true);
    expect(oauth.getAccessToken()).toBe('renewed-token');
  });
});

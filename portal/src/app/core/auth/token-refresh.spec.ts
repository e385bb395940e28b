import { describe, expect, it, vi } from 'vitest';

import {
  LockRequester,
  MIN_TOKEN_VALIDITY_MS,
  REFRESH_LEAD_MS,
  RefreshOutcome,
  TOKEN_REFRESH_LOCK,
  TokenRefresh,
  TokenRefreshDeps,
  refreshDelay,
} from './token-refresh';

const NOW = 1_800_000_000_000;
const STALE_EXPIRY = NOW + 20_000;

function setUp(overrides: Partial<TokenRefreshDeps> = {}) {
  let storedExpiry = STALE_EXPIRY;
  const refreshTokens = vi.fn(async () => {
    storedExpiry = NOW + 3_600_000;
  });
  const deps: TokenRefreshDeps = {
    locks: undefined,
    readStoredExpiry: () => storedExpiry,
    refreshTokens,
    now: () => NOW,
    ...overrides,
  };
  return {
    refresh: new TokenRefresh(deps),
    refreshTokens,
    storeExpiry: (expiry: number) => (storedExpiry = expiry),
  };
}

/** A lock manager that, like navigator.locks, runs one callback at a time per name. */
function fakeLocks(): LockRequester & { names: string[] } {
  let queue: Promise<unknown> = Promise.resolve();
  const names: string[] = [];
  return {
    names,
    request(name: string, callback: () => Promise<RefreshOutcome>): Promise<RefreshOutcome> {
      names.push(name);
      const run = queue.then(callback);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

describe('TokenRefresh', () => {
  it('refreshes when storage still holds the stale token', async () => {
    const { refresh, refreshTokens } = setUp();

    await expect(refresh.refresh(STALE_EXPIRY)).resolves.toBe('refreshed');
    expect(refreshTokens).toHaveBeenCalledTimes(1);
  });

  it('skips the refresh when another tab already stored a fresher token', async () => {
    const { refresh, refreshTokens, storeExpiry } = setUp();
    storeExpiry(NOW + 3_600_000);

    await expect(refresh.refresh(STALE_EXPIRY)).resolves.toBe('reused-stored-token');
    expect(refreshTokens).not.toHaveBeenCalled();
  });

  it('refreshes when the newer stored token is about to expire as well', async () => {
    const { refresh, refreshTokens, storeExpiry } = setUp();
    storeExpiry(NOW + MIN_TOKEN_VALIDITY_MS - 1);

    await expect(refresh.refresh(NOW - 1)).resolves.toBe('refreshed');
    expect(refreshTokens).toHaveBeenCalledTimes(1);
  });

  it('runs the refresh under the shared Web Lock when navigator.locks exists', async () => {
    const locks = fakeLocks();
    const { refresh, refreshTokens } = setUp({ locks });

    await refresh.refresh(STALE_EXPIRY);

    expect(locks.names).toEqual([TOKEN_REFRESH_LOCK]);
    expect(refreshTokens).toHaveBeenCalledTimes(1);
  });

  it('lets only the first of two tabs refresh; the second reuses the token the first stored', async () => {
    const locks = fakeLocks();
    let storedExpiry = STALE_EXPIRY;
    const firstTabRefresh = vi.fn(async () => {
      storedExpiry = NOW + 3_600_000;
    });
    const secondTabRefresh = vi.fn(async () => undefined);
    const shared = { locks, readStoredExpiry: () => storedExpiry, now: () => NOW };
    const firstTab = new TokenRefresh({ ...shared, refreshTokens: firstTabRefresh });
    const secondTab = new TokenRefresh({ ...shared, refreshTokens: secondTabRefresh });

    const outcomes = await Promise.all([firstTab.refresh(STALE_EXPIRY), secondTab.refresh(STALE_EXPIRY)]);

    expect(outcomes).toEqual(['refreshed', 'reused-stored-token']);
    expect(firstTabRefresh).toHaveBeenCalledTimes(1);
    expect(secondTabRefresh).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent callers in the same tab', async () => {
    const { refresh, refreshTokens } = setUp();

    await Promise.all([refresh.refresh(STALE_EXPIRY), refresh.refresh(STALE_EXPIRY)]);

    expect(refreshTokens).toHaveBeenCalledTimes(1);
  });

  it('refreshes without a lock when the browser has no Web Locks', async () => {
    const { refresh, refreshTokens } = setUp({ locks: undefined });

    await expect(refresh.refresh(STALE_EXPIRY)).resolves.toBe('refreshed');
    expect(refreshTokens).toHaveBeenCalledTimes(1);
  });

  it('rejects when the refresh fails and tries again on the next call', async () => {
    const refreshTokens = vi.fn().mockRejectedValueOnce(new Error('invalid_grant')).mockResolvedValueOnce(undefined);
    const { refresh } = setUp({ refreshTokens });

    await expect(refresh.refresh(STALE_EXPIRY)).rejects.toThrow('invalid_grant');
    await expect(refresh.refresh(STALE_EXPIRY)).resolves.toBe('refreshed');
    expect(refreshTokens).toHaveBeenCalledTimes(2);
  });
});

describe('refreshDelay', () => {
  it('schedules the refresh one minute before expiry for long-lived tokens', () => {
    expect(refreshDelay(NOW + 3_600_000, NOW)).toBe(3_600_000 - REFRESH_LEAD_MS);
  });

  it('keeps a quarter of the lifetime as lead for short-lived tokens', () => {
    expect(refreshDelay(NOW + 80_000, NOW)).toBe(60_000);
  });

  it('refreshes at once when the token has already expired', () => {
    expect(refreshDelay(NOW - 1, NOW)).toBe(0);
  });
});

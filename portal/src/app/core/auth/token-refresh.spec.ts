import { describe, expect, it, vi } from 'vitest';

import { MIN_TOKEN_VALIDITY_MS, REFRESH_LEAD_MS, TokenRefresh, TokenRefreshDeps, refreshDelay } from './token-refresh';

const NOW = 1_800_000_000_000;
const STALE_EXPIRY = NOW + 20_000;

function setUp(overrides: Partial<TokenRefreshDeps> = {}) {
  let expiry = STALE_EXPIRY;
  const refreshTokens = vi.fn(async () => {
    expiry = NOW + 3_600_000;
  });
  const deps: TokenRefreshDeps = {
    readExpiry: () => expiry,
    refreshTokens,
    now: () => NOW,
    ...overrides,
  };
  return {
    refresh: new TokenRefresh(deps),
    refreshTokens,
    setExpiry: (value: number) => (expiry = value),
  };
}

describe('TokenRefresh', () => {
  it('refreshes when the tab still holds the stale token', async () => {
    const { refresh, refreshTokens } = setUp();

    await expect(refresh.refresh(STALE_EXPIRY)).resolves.toBe('refreshed');
    expect(refreshTokens).toHaveBeenCalledTimes(1);
  });

  it('skips the refresh when a newer token has been stored since the stale one was sent', async () => {
    const { refresh, refreshTokens, setExpiry } = setUp();
    setExpiry(NOW + 3_600_000);

    await expect(refresh.refresh(STALE_EXPIRY)).resolves.toBe('reused-newer-token');
    expect(refreshTokens).not.toHaveBeenCalled();
  });

  it('refreshes when the newer token is about to expire as well', async () => {
    const { refresh, refreshTokens, setExpiry } = setUp();
    setExpiry(NOW + MIN_TOKEN_VALIDITY_MS - 1);

    await expect(refresh.refresh(NOW - 1)).resolves.toBe('refreshed');
    expect(refreshTokens).toHaveBeenCalledTimes(1);
  });

  it('shares one refresh between concurrent callers in the tab', async () => {
    const { refresh, refreshTokens } = setUp();

    const outcomes = await Promise.all([refresh.refresh(STALE_EXPIRY), refresh.refresh(STALE_EXPIRY)]);

    expect(outcomes).toEqual(['refreshed', 'refreshed']);
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

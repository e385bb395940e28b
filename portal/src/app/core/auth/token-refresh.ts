/**
 * Renews this tab's access token with its refresh token.
 * - Only the tab holding the token chain's Web Lock has tokens to refresh (token-chain.ts),
 *   so refreshes of one chain never run in two tabs.
 * - Callers within the tab share the refresh that is already running.
 * - A caller whose token was already replaced by a newer one that stays valid gets that
 *   one: the IdP rotates refresh tokens, so a second refresh with the used one would fail
 *   and revoke the grant.
 */

/** A stored token counts as fresh only if it stays valid at least this long. */
export const MIN_TOKEN_VALIDITY_MS = 30_000;

/** How long before expiry the scheduled refresh runs (at most a quarter of the remaining lifetime). */
export const REFRESH_LEAD_MS = 60_000;

/** setTimeout cannot wait longer than 2^31 - 1 ms. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

export type RefreshOutcome = 'refreshed' | 'reused-newer-token';

export interface TokenRefreshDeps {
  /** Expiry (epoch ms) of this tab's current access token; 0 when there is none. */
  readExpiry(): number;
  /** Exchanges the stored refresh token and stores the new tokens. */
  refreshTokens(): Promise<void>;
  now(): number;
}

export class TokenRefresh {
  private running: Promise<RefreshOutcome> | null = null;

  constructor(private readonly deps: TokenRefreshDeps) {}

  /**
   * Makes sure a token newer than the one expiring at `staleExpiry` is stored.
   * Rejects when the refresh itself fails (refresh token expired or revoked, IdP unreachable).
   */
  refresh(staleExpiry: number): Promise<RefreshOutcome> {
    this.running ??= this.refreshUnlessAlreadyFresh(staleExpiry).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async refreshUnlessAlreadyFresh(staleExpiry: number): Promise<RefreshOutcome> {
    const expiry = this.deps.readExpiry();
    const isNewer = expiry > staleExpiry;
    const staysValid = expiry - this.deps.now() >= MIN_TOKEN_VALIDITY_MS;
    if (isNewer && staysValid) return 'reused-newer-token';
    await this.deps.refreshTokens();
    return 'refreshed';
  }
}

/** Milliseconds from `now` until the scheduled refresh of a token expiring at `expiresAt`. */
export function refreshDelay(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  if (remaining <= 0) return 0;
  const lead = Math.min(REFRESH_LEAD_MS, remaining / 4);
  return Math.min(Math.round(remaining - lead), MAX_TIMER_DELAY_MS);
}

/**
 * Coordinates access-token refreshes between every open tab of the portal.
 * - At most one tab refreshes at a time: the refresh runs under the Web Lock
 *   `bws-token-refresh`, which all tabs of this origin share.
 * - A tab that got the lock re-reads the token expiry from shared storage first. When another
 *   tab already stored a newer token, it takes that one instead of refreshing again: the IdP
 *   rotates refresh tokens, so a second refresh with the consumed one would fail.
 * - Callers within one tab share the refresh that is already running.
 * - Without Web Locks (old browsers, some embedded views) the tab refreshes on its own.
 */
export const TOKEN_REFRESH_LOCK = 'bws-token-refresh';

/** A stored token counts as fresh only if it stays valid at least this long. */
export const MIN_TOKEN_VALIDITY_MS = 30_000;

/** How long before expiry the scheduled refresh runs (at most a quarter of the remaining lifetime). */
export const REFRESH_LEAD_MS = 60_000;

/** setTimeout cannot wait longer than 2^31 - 1 ms. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

export type RefreshOutcome = 'refreshed' | 'reused-stored-token';

/** The part of `navigator.locks` this unit needs. */
export interface LockRequester {
  request(name: string, callback: () => Promise<RefreshOutcome>): Promise<RefreshOutcome>;
}

export interface TokenRefreshDeps {
  readonly locks: LockRequester | undefined;
  /** Expiry (epoch ms) of the access token currently in shared storage; 0 when there is none. */
  readStoredExpiry(): number;
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
    this.running ??= this.runExclusively(() => this.refreshUnlessAlreadyFresh(staleExpiry)).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private runExclusively(task: () => Promise<RefreshOutcome>): Promise<RefreshOutcome> {
    return this.deps.locks ? this.deps.locks.request(TOKEN_REFRESH_LOCK, task) : task();
  }

  private async refreshUnlessAlreadyFresh(staleExpiry: number): Promise<RefreshOutcome> {
    const storedExpiry = this.deps.readStoredExpiry();
    const storedIsNewer = storedExpiry > staleExpiry;
    const storedStaysValid = storedExpiry - this.deps.now() >= MIN_TOKEN_VALIDITY_MS;
    if (storedIsNewer && storedStaysValid) return 'reused-stored-token';
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

/** `navigator.locks` when the browser has it. */
export function browserLocks(): LockRequester | undefined {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined;
}

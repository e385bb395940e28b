import { InjectionToken } from '@angular/core';

/**
 * Which tab may use the tokens kept in its sessionStorage (auth-storage.ts).
 * - Browsers copy sessionStorage into a duplicated tab, so two tabs can start out with the
 *   same refresh token. The IdP rotates refresh tokens and, when a used one comes back,
 *   revokes the grant and with it every tab's tokens.
 * - Each sign-in starts a token chain with a random id, stored beside the tokens. The tab
 *   that uses a chain holds the Web Lock `bws-token-chain:<id>` until it closes, so only
 *   that tab ever refreshes the chain's tokens: every refresh runs under that lock.
 * - A tab that finds its chain's lock held elsewhere has copied tokens: it drops them and
 *   signs in again, which the IdP session answers without a password.
 * - Without Web Locks (old browsers, some embedded views) every tab keeps what it has.
 */
export const TOKEN_CHAIN_KEY = 'bws_token_chain';
export const TOKEN_CHAIN_LOCK_PREFIX = 'bws-token-chain:';

/** The part of `navigator.locks` this unit needs. */
export interface ChainLocks {
  request(name: string, options: { ifAvailable: true }, callback: (lock: Lock | null) => Promise<void>): Promise<void>;
}

export interface TokenChainDeps {
  readonly locks: ChainLocks | undefined;
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  newId(): string;
}

export class TokenChain {
  private release: (() => void) | undefined;

  constructor(private readonly deps: TokenChainDeps) {}

  /** Claims the chain of the tokens already stored in this tab; false when another tab holds it. */
  async claimStored(): Promise<boolean> {
    const id = this.deps.storage.getItem(TOKEN_CHAIN_KEY);
    if (!id) {
      await this.startNew();
      return true;
    }
    return this.hold(id);
  }

  /** Starts a chain for the tokens this tab has just received from a sign-in. */
  async startNew(): Promise<void> {
    this.drop();
    const id = this.deps.newId();
    this.deps.storage.setItem(TOKEN_CHAIN_KEY, id);
    await this.hold(id);
  }

  /** Lets go of the chain and forgets its id (sign-out, or tokens copied from another tab). */
  drop(): void {
    this.release?.();
    this.release = undefined;
    this.deps.storage.removeItem(TOKEN_CHAIN_KEY);
  }

  private hold(id: string): Promise<boolean> {
    const locks = this.deps.locks;
    if (!locks) return Promise.resolve(true);
    return new Promise<boolean>((resolve, reject) => {
      locks
        .request(`${TOKEN_CHAIN_LOCK_PREFIX}${id}`, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          // Held until drop() or until the tab closes.
          return lock ? new Promise<void>((released) => (this.release = released)) : Promise.resolve();
        })
        .catch(reject);
    });
  }
}

/** `navigator.locks` when the browser has it. */
export function browserLocks(): ChainLocks | undefined {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined;
}

/** This tab's token chain; tests replace it. */
export const TOKEN_CHAIN = new InjectionToken<TokenChain>('TokenChain', {
  providedIn: 'root',
  factory: () => new TokenChain({ locks: browserLocks(), storage: sessionStorage, newId: () => crypto.randomUUID() }),
});

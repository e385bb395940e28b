import { describe, expect, it } from 'vitest';

import { FakeChainLocks, FakeTabStorage } from './testing/fake-chain-locks';
import { TOKEN_CHAIN_KEY, TOKEN_CHAIN_LOCK_PREFIX, TokenChain } from './token-chain';

/** Lets a released lock's holder finish, as the browser would between tasks. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function tab(locks: FakeChainLocks | undefined, storage = new FakeTabStorage(), ids = ['chain-1', 'chain-2']) {
  const queue = [...ids];
  return { chain: new TokenChain({ locks, storage, newId: () => queue.shift()! }), storage };
}

describe('TokenChain', () => {
  it('starts a chain with a fresh id for the tokens of a sign-in and holds its lock', async () => {
    const locks = new FakeChainLocks();
    const { chain, storage } = tab(locks);

    await chain.startNew();

    expect(storage.getItem(TOKEN_CHAIN_KEY)).toBe('chain-1');
    expect([...locks.held]).toEqual([`${TOKEN_CHAIN_LOCK_PREFIX}chain-1`]);
  });

  it('claims the chain of stored tokens when no other tab holds it (a reload)', async () => {
    const locks = new FakeChainLocks();
    const storage = new FakeTabStorage();
    storage.setItem(TOKEN_CHAIN_KEY, 'chain-9');

    await expect(tab(locks, storage).chain.claimStored()).resolves.toBe(true);
    expect([...locks.held]).toEqual([`${TOKEN_CHAIN_LOCK_PREFIX}chain-9`]);
  });

  it('refuses the chain to a duplicated tab while the original tab holds it', async () => {
    const locks = new FakeChainLocks();
    const original = tab(locks);
    await original.chain.startNew();

    const duplicate = tab(locks, original.storage.copy());

    await expect(duplicate.chain.claimStored()).resolves.toBe(false);
  });

  it('hands the chain on once the tab holding it lets go', async () => {
    const locks = new FakeChainLocks();
    const original = tab(locks);
    await original.chain.startNew();
    const duplicate = tab(locks, original.storage.copy());

    original.chain.drop();
    await settle();

    await expect(duplicate.chain.claimStored()).resolves.toBe(true);
    expect(original.storage.getItem(TOKEN_CHAIN_KEY)).toBeNull();
  });

  it('lets go of the previous chain when a new sign-in starts another', async () => {
    const locks = new FakeChainLocks();
    const { chain } = tab(locks);
    await chain.startNew();

    await chain.startNew();
    await settle();

    expect([...locks.held]).toEqual([`${TOKEN_CHAIN_LOCK_PREFIX}chain-2`]);
  });

  it('starts a chain for stored tokens that have none yet', async () => {
    const locks = new FakeChainLocks();
    const { chain, storage } = tab(locks);

    await expect(chain.claimStored()).resolves.toBe(true);
    expect(storage.getItem(TOKEN_CHAIN_KEY)).toBe('chain-1');
  });

  it('keeps the stored tokens in every tab when the browser has no Web Locks', async () => {
    const original = tab(undefined);
    await original.chain.startNew();

    await expect(tab(undefined, original.storage.copy()).chain.claimStored()).resolves.toBe(true);
  });
});

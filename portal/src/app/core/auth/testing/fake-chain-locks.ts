import { ChainLocks } from '../token-chain';

/** Web Locks shared by the "tabs" of a test: like navigator.locks, one holder per name. */
export class FakeChainLocks implements ChainLocks {
  readonly held = new Set<string>();

  async request(name: string, _options: { ifAvailable: true }, callback: (lock: Lock | null) => Promise<void>): Promise<void> {
    if (this.held.has(name)) return callback(null);
    this.held.add(name);
    try {
      await callback({ name, mode: 'exclusive' });
    } finally {
      this.held.delete(name);
    }
  }
}

/** A tab's sessionStorage; `copy()` is what a browser does when the tab is duplicated. */
export class FakeTabStorage implements Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  constructor(private readonly items = new Map<string, string>()) {}

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  copy(): FakeTabStorage {
    return new FakeTabStorage(new Map(this.items));
  }
}

/**
 * Tells a cache whether what it just read from the database may already be stale.
 * Rules:
 * - Every change announced for a key, or for everything, gets the next sequence number.
 * - A read takes a mark first; its result may be kept only if no change announced since
 *   that mark concerns its key (a change can commit while the read is in flight).
 * - At most `maxKeys` keys are remembered; beyond that they are forgotten and every read
 *   in flight counts as stale, so memory stays bounded under mass changes.
 */
export class ChangeSequence {
  private seq = 0;
  private floor = 0;
  private readonly changed = new Map<string, number>();

  constructor(private readonly maxKeys = 10_000) {}

  mark(): number {
    return this.seq;
  }

  changedKey(key: string): void {
    if (this.changed.size >= this.maxKeys) {
      this.changed.clear();
      this.floor = this.seq + 1;
    }
    this.changed.set(key, ++this.seq);
  }

  changedAll(): void {
    this.floor = ++this.seq;
  }

  unchangedSince(key: string, mark: number): boolean {
    return Math.max(this.changed.get(key) ?? 0, this.floor) <= mark;
  }
}

import type { ChangeFeed, ChangeHandler } from "../db/change-feed.ts";

/** A change feed the test drives: notifications and health are the test's to decide. */
export class FakeChangeFeed implements ChangeFeed {
  healthy = true;
  private readonly handlers = new Map<string, ChangeHandler[]>();
  private readonly resets: (() => void)[] = [];
  private readonly localWrites: (() => void)[] = [];
  subscribe(table: string, handler: ChangeHandler) {
    this.handlers.set(table, [...(this.handlers.get(table) ?? []), handler]);
  }
  onReset(handler: () => void) {
    this.resets.push(handler);
  }
  notify(table: string, key: string) {
    for (const handler of this.handlers.get(table) ?? []) handler(key);
  }
  reset() {
    for (const handler of this.resets) handler();
  }
  onLocalWrite(handler: () => void) {
    this.localWrites.push(handler);
  }
  localWrite() {
    for (const handler of this.localWrites) handler();
  }
  async close() {}
}

import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/**
 * Change notifications from the configuration database (channel `bws_changes`, sent by the
 * triggers of migration 20261206060000_change_notifications) to the caches of this instance.
 * Rules:
 * - A notification is `<table>:<key>`; subscribers register per table and get the key.
 * - PostgreSQL: one dedicated LISTEN connection per instance, outside the pool. When it is
 *   lost, notifications may have been missed: the feed reports itself unhealthy (caches must
 *   not answer from memory then), tells every subscriber to forget everything, and
 *   reconnects with backoff (1 s doubling to 30 s).
 * - PGlite (one process, see the DATA_DIR lock): notifications arrive in-process at commit.
 * - A PostgreSQL notification travels through the server and may arrive a few milliseconds
 *   after the writer's answer. So that a user who changed something sees it on their next
 *   request to the same instance, the instance announces its own successful writes
 *   (`localWrite`), and caches that hold what writes change drop what they hold.
 */
export const changeChannel = "bws_changes";

export type ChangeHandler = (key: string) => void;

export interface ChangeFeed {
  /** False while notifications may be missed; caches must then read through. */
  readonly healthy: boolean;
  subscribe(table: string, handler: ChangeHandler): void;
  /** Called whenever notifications may have been lost: drop everything cached. */
  onReset(handler: () => void): void;
  /** Called after a write request of this instance succeeded (before its answer is read). */
  onLocalWrite(handler: () => void): void;
  localWrite(): void;
  close(): Promise<void>;
}

class Subscribers {
  private readonly byTable = new Map<string, ChangeHandler[]>();
  private readonly resets: (() => void)[] = [];
  private readonly localWrites: (() => void)[] = [];

  subscribe(table: string, handler: ChangeHandler): void {
    this.byTable.set(table, [...(this.byTable.get(table) ?? []), handler]);
  }

  onReset(handler: () => void): void {
    this.resets.push(handler);
  }

  onLocalWrite(handler: () => void): void {
    this.localWrites.push(handler);
  }

  localWrite(): void {
    for (const handler of this.localWrites) handler();
  }

  dispatch(payload: string): void {
    const colon = payload.indexOf(":");
    if (colon <= 0) return;
    for (const handler of this.byTable.get(payload.slice(0, colon)) ?? []) handler(payload.slice(colon + 1));
  }

  reset(): void {
    for (const handler of this.resets) handler();
  }
}

export async function pgliteChangeFeed(db: PGlite): Promise<ChangeFeed> {
  const subscribers = new Subscribers();
  const unlisten = await db.listen(changeChannel, (payload) => subscribers.dispatch(payload));
  return {
    healthy: true,
    subscribe: (table, handler) => subscribers.subscribe(table, handler),
    onReset: (handler) => subscribers.onReset(handler),
    onLocalWrite: (handler) => subscribers.onLocalWrite(handler),
    localWrite: () => subscribers.localWrite(),
    close: async () => {
      if (!db.closed) await unlisten();
    },
  };
}

export async function postgresChangeFeed(url: string, onError: (error: unknown) => void = () => {}): Promise<ChangeFeed> {
  const subscribers = new Subscribers();
  let client: pg.Client | undefined;
  let healthy = false;
  let closed = false;
  let retryMs = 1000;
  let retryTimer: NodeJS.Timeout | undefined;

  const lost = (error: unknown) => {
    if (!healthy && !client) return;
    healthy = false;
    const old = client;
    client = undefined;
    old?.removeAllListeners();
    old?.on("error", () => {});
    void old?.end().catch(() => {});
    subscribers.reset();
    if (closed) return;
    onError(error);
    retryTimer = setTimeout(() => void connect().catch(() => {}), retryMs);
    retryTimer.unref();
    retryMs = Math.min(30_000, retryMs * 2);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true });
    next.on("error", lost);
    next.on("end", () => lost(new Error("the change-notification connection ended")));
    next.on("notification", (message) => {
      if (message.channel === changeChannel && message.payload) subscribers.dispatch(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${changeChannel}`);
    } catch (error) {
      client = next;
      lost(error);
      throw error;
    }
    client = next;
    healthy = true;
    retryMs = 1000;
    // Whatever changed while we were not listening is unknown: start from nothing.
    subscribers.reset();
  };

  await connect();
  return {
    get healthy() {
      return healthy;
    },
    subscribe: (table, handler) => subscribers.subscribe(table, handler),
    onReset: (handler) => subscribers.onReset(handler),
    onLocalWrite: (handler) => subscribers.onLocalWrite(handler),
    localWrite: () => subscribers.localWrite(),
    close: async () => {
      closed = true;
      clearTimeout(retryTimer);
      const last = client;
      client = undefined;
      healthy = false;
      last?.removeAllListeners();
      last?.on("error", () => {});
      await last?.end().catch(() => {});
    },
  };
}

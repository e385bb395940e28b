import type { Logger } from "pino";
import { sqlTimestamp } from "../db/sql-timestamp.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * Counters that all instances share through the database, without a database round trip
 * per counted event (they sit on the token API's hot path).
 * Rules:
 * - An instance counts in memory. Every `syncMs` (and on demand) it sends every key's
 *   counts since the last sync in ONE statement, which adds them to the shared rows and
 *   returns the shared totals of every key this instance used since the last sync.
 * - A key's value on an instance = the shared total at its last sync + the instance's own
 *   counts since. A key not synced within `staleMs` (or never seen here) is read from the
 *   database before it is answered; reads that arrive together share one statement.
 * - A key counts in a window of `windowMs` that starts at its first event; the next event
 *   after the window has ended starts a new one. `reset` empties the key (a success clears
 *   failures); counts another instance had not yet sent survive a reset.
 * - Bound: between two syncs an instance decides on its own counts and the total it last
 *   saw. With N instances, a limit of M can be passed by at most what the other N - 1
 *   instances accept before they see the total: each at most M, and in practice what one
 *   client gets through one instance in `staleMs` (4 sync intervals, 1 s by default).
 * - Memory: keys unused for `idleMs` with nothing left to send are dropped (the database
 *   keeps them); past `maxKeys` the idle-for-a-sync ones go too and a sync starts at once.
 * - Times come from `clock` (tests move it); rows whose window ended are purged by `purge`.
 */
export interface CounterView {
  count: number;
  windowStart: number;
  expiresAt: number;
  /** The latest counted event. */
  lastAt: number;
}

export interface SharedCountersOptions {
  syncMs: number;
  clock?: () => number;
  logger?: Logger;
  maxKeys?: number;
}

/** Events counted here and not yet in the shared row. */
interface Delta {
  count: number;
  firstAt: number;
  lastAt: number;
  /** Set when the key was reset: everything before it no longer counts. */
  resetAt?: number;
}

interface Entry {
  windowMs: number;
  shared?: CounterView;
  syncedAt: number;
  pending?: Delta;
  inflight?: Delta;
  usedAt: number;
}

interface CounterRow {
  key: string;
  count: number;
  window_start: number;
  expires_at: number;
  last_at: number;
}

const idleMs = 60_000;

export class SharedCounters {
  readonly clock: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly staleMs: number;
  private readonly maxKeys: number;
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private queued?: Promise<void>;
  private lastSyncAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: SharedCountersOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.staleMs = 4 * options.syncMs;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.timer = setInterval(() => void this.sync(), options.syncMs);
    this.timer.unref();
  }

  /** The key's current value, read from the database first when this instance's copy is stale. */
  async read(key: string, windowMs: number): Promise<CounterView | undefined> {
    const entry = this.entry(key, windowMs);
    if (this.clock() - entry.syncedAt > this.staleMs) await this.sync();
    return view(this.entry(key, windowMs), this.clock());
  }

  /** Counts one event now. Call `read` first (in the same tick) for an up-to-date total. */
  count(key: string, windowMs: number): CounterView {
    const entry = this.entry(key, windowMs);
    const now = this.clock();
    const pending = entry.pending ?? { count: 0, firstAt: now, lastAt: now };
    entry.pending = { ...pending, count: pending.count + 1, firstAt: pending.count ? pending.firstAt : now, lastAt: now };
    return view(entry, now)!;
  }

  reset(key: string, windowMs: number): void {
    const now = this.clock();
    this.entry(key, windowMs).pending = { count: 0, firstAt: now, lastAt: now, resetAt: now };
  }

  /**
   * Sends what this instance counted and refreshes the keys it used, in one statement.
   * Callers that arrive while a sync runs share the next one.
   */
  sync(): Promise<void> {
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      this.running = this.runSync();
      return this.running;
    });
    return this.queued;
  }

  /** Stops the timer and sends what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.sync();
  }

  /** Deletes rows whose window ended more than a minute ago. */
  async purge(): Promise<void> {
    await this.prisma.limitCounter.deleteMany({ where: { expiresAt: { lt: new Date(this.clock() - 60_000) } } });
  }

  private entry(key: string, windowMs: number): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { windowMs, syncedAt: Number.NEGATIVE_INFINITY, usedAt: 0 };
      this.entries.set(key, entry);
      if (this.entries.size > this.maxKeys) void this.sync();
    }
    entry.usedAt = this.clock();
    return entry;
  }

  private async runSync(): Promise<void> {
    const now = this.clock();
    const usedSince = this.lastSyncAt;
    this.lastSyncAt = now;
    const batch: { key: string; entry: Entry; delta?: Delta }[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.pending) {
        entry.inflight = entry.pending;
        entry.pending = undefined;
        batch.push({ key, entry, delta: entry.inflight });
      } else if (entry.usedAt >= usedSince || now - entry.syncedAt > this.staleMs) {
        if (now - entry.usedAt <= idleMs) batch.push({ key, entry });
      }
    }
    if (batch.length > 0) {
      try {
        const rows = await this.exchange(batch, now);
        const byKey = new Map(rows.map((row) => [row.key, row]));
        for (const { key, entry } of batch) {
          const row = byKey.get(key);
          entry.shared = row
            ? { count: row.count, windowStart: row.window_start, expiresAt: row.expires_at, lastAt: row.last_at }
            : undefined;
          entry.syncedAt = now;
          entry.inflight = undefined;
        }
      } catch (err) {
        this.options.logger?.error({ err, keys: batch.length }, "syncing limit counters failed; keeping the counts for the next sync");
        for (const { entry } of batch) {
          if (entry.inflight) entry.pending = entry.pending ? merge(entry.inflight, entry.pending) : entry.inflight;
          entry.inflight = undefined;
        }
      }
    }
    this.evict(now);
  }

  private async exchange(batch: { key: string; entry: Entry; delta?: Delta }[], now: number): Promise<CounterRow[]> {
    const ordered = [...batch].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const column = <T>(pick: (item: (typeof batch)[number]) => T) => ordered.map(pick);
    const at = (ms: number | undefined) => (ms === undefined ? null : sqlTimestamp(new Date(ms)));
    const epochMs = (column: string) => `(EXTRACT(EPOCH FROM c."${column}") * 1000)::float8 AS "${column}"`;
    // Rows are written in key order, so two instances syncing together lock them in the
    // same order and cannot deadlock.
    return this.prisma.$queryRawUnsafe<CounterRow[]>(
      `WITH "input" AS (
         SELECT * FROM unnest($1::text[], $2::int[], $3::boolean[], $4::timestamp[], $5::timestamp[], $6::timestamp[], $7::timestamp[])
           AS i("key", "delta", "write", "first_at", "expires_at", "last_at", "reset_at")
       ), "written" AS (
         INSERT INTO "limit_counters" AS c ("key", "count", "window_start", "expires_at", "last_at", "reset_at")
         SELECT "key", "delta", "first_at", "expires_at", "last_at", "reset_at" FROM "input" WHERE "write" ORDER BY "key"
         ON CONFLICT ("key") DO UPDATE SET
           "count" = CASE WHEN excluded."reset_at" IS NOT NULL OR c."expires_at" <= $8::timestamp THEN excluded."count" ELSE c."count" + excluded."count" END,
           "window_start" = CASE WHEN excluded."reset_at" IS NOT NULL OR c."expires_at" <= $8::timestamp THEN excluded."window_start" ELSE c."window_start" END,
           "expires_at" = CASE WHEN excluded."reset_at" IS NOT NULL OR c."expires_at" <= $8::timestamp THEN excluded."expires_at" ELSE c."expires_at" END,
           "last_at" = CASE WHEN excluded."reset_at" IS NOT NULL THEN excluded."last_at" ELSE GREATEST(c."last_at", excluded."last_at") END,
           "reset_at" = COALESCE(excluded."reset_at", c."reset_at")
         RETURNING c."key", c."count", ${epochMs("window_start")}, ${epochMs("expires_at")}, ${epochMs("last_at")}
       )
       SELECT * FROM "written"
       UNION ALL
       SELECT c."key", c."count", ${epochMs("window_start")}, ${epochMs("expires_at")}, ${epochMs("last_at")}
       FROM "limit_counters" c JOIN "input" i ON i."key" = c."key" WHERE NOT i."write"`,
      column((item) => item.key),
      column((item) => item.delta?.count ?? 0),
      column((item) => item.delta !== undefined),
      column((item) => at(item.delta?.firstAt ?? now)),
      column((item) => at((item.delta?.firstAt ?? now) + item.entry.windowMs)),
      column((item) => at(item.delta?.lastAt ?? now)),
      column((item) => at(item.delta?.resetAt)),
      sqlTimestamp(new Date(now)),
    );
  }

  private evict(now: number): void {
    const crowded = this.entries.size > this.maxKeys;
    for (const [key, entry] of this.entries) {
      if (entry.pending || entry.inflight) continue;
      const idle = now - entry.usedAt;
      if (idle > idleMs || (crowded && idle > this.options.syncMs)) this.entries.delete(key);
    }
  }
}

/** The shared total as last seen, with what is on its way and what is not yet sent. */
function view(entry: Entry, now: number): CounterView | undefined {
  const shared = entry.shared && entry.shared.expiresAt > now ? entry.shared : undefined;
  return apply(apply(shared, entry.inflight, entry.windowMs, now), entry.pending, entry.windowMs, now);
}

function apply(base: CounterView | undefined, delta: Delta | undefined, windowMs: number, now: number): CounterView | undefined {
  if (!delta) return base;
  let current = delta.resetAt === undefined && base && base.expiresAt > now ? base : undefined;
  if (delta.count === 0) return current;
  if (!current) {
    if (delta.firstAt + windowMs <= now) return undefined;
    current = { count: 0, windowStart: delta.firstAt, expiresAt: delta.firstAt + windowMs, lastAt: delta.lastAt };
  }
  return { ...current, count: current.count + delta.count, lastAt: Math.max(current.lastAt, delta.lastAt) };
}

/** `older` then `newer`, as one delta (a sync failed and both must go with the next one). */
function merge(older: Delta, newer: Delta): Delta {
  if (newer.resetAt !== undefined) return newer;
  if (older.count === 0) return { ...newer, resetAt: older.resetAt };
  return { count: older.count + newer.count, firstAt: older.firstAt, lastAt: Math.max(older.lastAt, newer.lastAt), resetAt: older.resetAt };
}

import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";

/**
 * One process per embedded data directory: PGlite is a single-process database, and two
 * processes on the same files silently lose each other's writes (issue #10).
 * Rules:
 * - `$DATA_DIR/instance.lock` names its holder (pid, host, port, URL, since). It is created
 *   exclusively: of two starts, one wins and the other fails at once, naming the holder.
 * - A stale lock is taken over: on the same host its process is gone (or the host has
 *   rebooted since); from another host or container, its holder has not refreshed it for
 *   `staleAfterMs`.
 * - The holder refreshes the lock every `refreshMs` and checks it still holds it; if another
 *   process has taken it, `onLost` is called (the caller stops).
 * - With DATABASE_URL the lock is not needed (server.ts does not take it): instances share a
 *   PostgreSQL server, and DATA_DIR holds only the data key, which they only read.
 */
export interface LockHolder {
  pid: number;
  hostname: string;
  bootId?: string;
  port?: number;
  url?: string;
  /** ISO time the holder took the lock. */
  since: string;
  /** Tells this holder from an earlier process with the same pid. */
  token: string;
}

export interface DataDirLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): Promise<void>;
}

export interface LockOptions {
  port?: number;
  url?: string;
  refreshMs?: number;
  staleAfterMs?: number;
  onLost?: (holder: LockHolder | undefined) => void;
}

export const lockFileName = "instance.lock";

/** Tokens of the locks this process holds (a second start in the same process must fail too). */
const heldHere = new Set<string>();

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
    readonly lastSeenMs: number,
    staleAfterMs: number,
  ) {
    const who = holder
      ? `pid ${holder.pid} on host ${holder.hostname}${holder.port !== undefined ? `, port ${holder.port}` : ""}${holder.url ? ` (${holder.url})` : ""}, running since ${holder.since}`
      : "a process that is still writing its lock file";
    const elsewhere = holder && holder.hostname !== hostname();
    super(
      [
        `Another BWS Portal instance uses DATA_DIR ${dataDir}: ${who}.`,
        "The embedded database (PGlite) serves one process at a time. Stop that instance, start this one with another",
        "DATA_DIR, or set DATABASE_URL so that several instances share a PostgreSQL server.",
        ...(elsewhere
          ? [`It last refreshed ${path.join(dataDir, lockFileName)} ${Math.round(lastSeenMs / 1000)} s ago; a lock not refreshed for ${staleAfterMs / 1000} s is taken over.`]
          : []),
      ].join("\n"),
    );
    this.name = "DataDirLockedError";
  }
}

export async function acquireDataDirLock(dataDir: string, options: LockOptions = {}): Promise<DataDirLock> {
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  const file = path.join(dataDir, lockFileName);
  await mkdir(dataDir, { recursive: true });
  const me: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    bootId: await currentBootId(),
    port: options.port,
    url: options.url,
    since: new Date().toISOString(),
    token: randomUUID(),
  };

  for (let attempt = 1; !(await createExclusively(file, me)); attempt++) {
    const current = await readLock(file);
    if (current && (attempt >= 3 || !isStale(current, me, staleAfterMs))) throw new DataDirLockedError(dataDir, current.holder, current.ageMs, staleAfterMs);
    if (attempt >= 3) throw new DataDirLockedError(dataDir, undefined, 0, staleAfterMs);
    await rm(file, { force: true });
  }
  // Two starts that took over the same stale lock at once: the later write wins, the other leaves.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const check = await readLock(file);
  if (check?.holder?.token !== me.token) throw new DataDirLockedError(dataDir, check?.holder, check?.ageMs ?? 0, staleAfterMs);
  heldHere.add(me.token);

  // A failed refresh (e.g. a full disk) is retried at the next tick; only a foreign holder stops us.
  const refresh = setInterval(() => void keepHolding().catch(() => {}), options.refreshMs ?? 10_000);
  refresh.unref();
  async function keepHolding(): Promise<void> {
    const current = await readLock(file);
    if (!current && (await createExclusively(file, me))) return;
    const latest = current ?? (await readLock(file));
    if (latest?.holder?.token === me.token) {
      const now = new Date();
      await utimes(file, now, now).catch(() => {});
      return;
    }
    clearInterval(refresh);
    heldHere.delete(me.token);
    options.onLost?.(latest?.holder);
  }

  return {
    file,
    holder: me,
    release: async () => {
      clearInterval(refresh);
      if (!heldHere.delete(me.token)) return;
      if ((await readLock(file))?.holder?.token === me.token) await rm(file, { force: true });
    },
  };
}

/** Who holds the lock of a data directory, if anyone does (for messages of other commands). */
export async function readDataDirLock(dataDir: string): Promise<LockHolder | undefined> {
  return (await readLock(path.join(dataDir, lockFileName)))?.holder;
}

function isStale(current: { holder?: LockHolder; ageMs: number }, me: LockHolder, staleAfterMs: number): boolean {
  const { holder, ageMs } = current;
  if (!holder || holder.hostname !== me.hostname) return ageMs > staleAfterMs;
  if (holder.bootId && me.bootId && holder.bootId !== me.bootId) return true;
  if (holder.pid === me.pid) return !heldHere.has(holder.token);
  return !processExists(holder.pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function createExclusively(file: string, holder: LockHolder): Promise<boolean> {
  try {
    await writeFile(file, JSON.stringify(holder, null, 2) + "\n", { flag: "wx", mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The lock's holder (undefined while it is being written or if it is damaged) and its age; undefined without a lock. */
async function readLock(file: string): Promise<{ holder?: LockHolder; ageMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, "utf8"), stat(file)]);
    const ageMs = Math.max(0, Date.now() - info.mtimeMs);
    try {
      const holder = JSON.parse(text) as LockHolder;
      return typeof holder.pid === "number" && typeof holder.token === "string" ? { holder, ageMs } : { ageMs };
    } catch {
      return { ageMs };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function currentBootId(): Promise<string | undefined> {
  return readFile("/proc/sys/kernel/random/boot_id", "utf8").then(
    (text) => text.trim() || undefined,
    () => undefined,
  );
}

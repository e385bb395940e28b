import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { startServer } from "../server.ts";
import { acquireDataDirLock, DataDirLockedError, lockFileName, type DataDirLock, type LockHolder } from "./data-dir-lock.ts";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

describe("the DATA_DIR lock", () => {
  let dataDir: string;
  const locks: DataDirLock[] = [];
  const lockFile = () => path.join(dataDir, lockFileName);
  const writeLock = (holder: Partial<LockHolder>) =>
    writeFile(lockFile(), JSON.stringify({ pid: process.pid, hostname: hostname(), since: "2026-01-01T00:00:00.000Z", token: "earlier", ...holder }));
  const acquire = async (options: Parameters<typeof acquireDataDirLock>[1] = {}) => {
    const lock = await acquireDataDirLock(dataDir, options);
    locks.push(lock);
    return lock;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "bws-lock-"));
  });
  afterEach(async () => {
    for (const lock of locks.splice(0)) await lock.release();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses a second holder at once, naming the first one's pid, port and start time", async () => {
    const first = await acquire({ port: 8123, url: "http://localhost:8123" });
    const second = acquireDataDirLock(dataDir, { port: 8124 });
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(`pid ${process.pid} on host ${hostname()}, port 8123 (http://localhost:8123), running since ${first.holder.since}`);
  });

  it("is free again once released", async () => {
    const first = await acquire();
    await first.release();
    await expect(readFile(lockFile())).rejects.toMatchObject({ code: "ENOENT" });
    expect((await acquire()).holder.token).not.toBe(first.holder.token);
  });

  it("takes over a lock whose process is gone", async () => {
    const exited = spawnSync(process.execPath, ["-e", ""]);
    expect(exited.status).toBe(0);
    await writeLock({ pid: exited.pid, port: 8080 });
    const lock = await acquire();
    expect(JSON.parse(await readFile(lockFile(), "utf8"))).toMatchObject({ pid: process.pid, token: lock.holder.token });
  });

  it("takes over a lock of this pid that this process does not hold (a restarted container's pid 1)", async () => {
    await writeLock({ pid: process.pid });
    await expect(acquire()).resolves.toBeDefined();
  });

  it("refuses a lock of a live process on this host", async () => {
    const parent = process.ppid;
    await writeLock({ pid: parent, port: 9000 });
    await expect(acquireDataDirLock(dataDir)).rejects.toThrow(`pid ${parent} on host ${hostname()}, port 9000`);
  });

  it("takes over a lock from before this host's last boot", async () => {
    const bootId = (await readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => "")).trim();
    if (!bootId) return;
    await writeLock({ pid: process.ppid, bootId: "00000000-0000-0000-0000-000000000000" });
    await expect(acquire()).resolves.toBeDefined();
  });

  it("takes over another host's lock only once it has not been refreshed for staleAfterMs", async () => {
    await writeLock({ hostname: "other-host", pid: 1, port: 8080 });
    await expect(acquireDataDirLock(dataDir, { staleAfterMs: 30_000 })).rejects.toThrow(/pid 1 on host other-host, port 8080.*\n.*\n.*last refreshed .* 0 s ago/s);
    const old = new Date(Date.now() - 31_000);
    await utimes(lockFile(), old, old);
    await expect(acquire({ staleAfterMs: 30_000 })).resolves.toBeDefined();
  });

  it("tells its holder when another process has replaced the lock", async () => {
    let lost: LockHolder | undefined | "not yet" = "not yet";
    await acquire({ refreshMs: 50, onLost: (holder) => (lost = holder) });
    await writeLock({ pid: 4242, token: "intruder" });
    await expect.poll(() => lost, { timeout: 5000 }).toMatchObject({ pid: 4242, token: "intruder" });
  });

  it("keeps its lock fresh while held", async () => {
    await acquire({ refreshMs: 50 });
    const old = new Date(Date.now() - 60_000);
    await utimes(lockFile(), old, old);
    await expect.poll(async () => Date.now() - (await stat(lockFile())).mtimeMs, { timeout: 5000 }).toBeLessThan(10_000);
  });
});

describe("a second server on the same DATA_DIR", () => {
  it("refuses to start, exiting non-zero with a message naming the running instance; a stale lock is taken over", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "bws-second-"));
    const env = { PORT: "0", PUBLIC_URL: "http://127.0.0.1:0", DATA_DIR: dataDir, DEMO_DATA: "false", PORTAL_DIST: "/nonexistent", LOG_LEVEL: "silent", WORKER_PRELOAD_MODELS: "false" };
    const first = await startServer(parseConfig(env), createLogger("silent"));
    try {
      const holder = JSON.parse(await readFile(path.join(dataDir, lockFileName), "utf8")) as LockHolder;
      const second = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "bff/src/main.ts")], {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      second.stdout.on("data", (chunk) => (output += chunk));
      second.stderr.on("data", (chunk) => (output += chunk));
      const code = await new Promise<number | null>((resolve) => second.on("exit", resolve));
      expect(code, output).toBe(1);
      expect(output).toContain(`Another BWS Portal instance uses DATA_DIR ${dataDir}`);
      expect(output).toContain(`pid ${process.pid} on host ${hostname()}, port ${first.port} (${first.url}), running since ${holder.since}`);
      expect(output).not.toContain("BWS Portal is running");
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
      expect(JSON.parse(await readFile(path.join(dataDir, lockFileName), "utf8"))).toEqual(holder);

      await first.close();
      const crashed = { ...holder, pid: spawnSync(process.execPath, ["-e", ""]).pid, token: "crashed" };
      await writeFile(path.join(dataDir, lockFileName), JSON.stringify(crashed));
      const again = await startServer(parseConfig(env), createLogger("silent"));
      expect(JSON.parse(await readFile(path.join(dataDir, lockFileName), "utf8"))).toMatchObject({ pid: process.pid, port: again.port });
      await again.close();
    } finally {
      await first.close().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

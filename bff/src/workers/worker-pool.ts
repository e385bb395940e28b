import { Piscina } from "piscina";
import { AppError, ServiceUnavailableError } from "../errors.ts";
import type * as tasks from "./worker-tasks.ts";
import type { TaskOutcome } from "./task-outcome.ts";

/**
 * Worker threads for CPU work on untrusted input (liveness frames, certificate files), so
 * that no request can hold the event loop. Rules:
 * - At most `size` tasks run at once, one per thread; at most `queueLimit` wait. A task
 *   beyond that is refused at once with 503 and Retry-After, never queued without end.
 * - A task that has not finished `taskTimeoutMs` after it was handed in (waiting included)
 *   is abandoned with 503; if it was running, its thread is terminated and replaced.
 * - A task's refusal (an AppError below 500 thrown in the worker) reaches the caller as
 *   that same error; anything else is a failure of the server.
 * - Threads start on first use and stay, so a worker loads the face models once.
 *   `preloadFaceModels` starts every thread and loads them there ahead of the first
 *   attempt (the server does so at start-up unless WORKER_PRELOAD_MODELS is false).
 */
export interface WorkerPoolOptions {
  size: number;
  queueLimit: number;
  taskTimeoutMs: number;
  /** Threads each worker's face models run on (onnxruntime-web's WASM threads); 1 when not given. */
  modelThreads?: number;
}

/** What every worker thread is started with (worker-tasks.ts reads it). */
export interface WorkerSettings {
  modelThreads: number;
}

type Tasks = typeof tasks;
export type WorkerTaskName = keyof Tasks;
export type WorkerTaskInput<K extends WorkerTaskName> = Parameters<Tasks[K]>[0];
export type WorkerTaskOutput<K extends WorkerTaskName> = Awaited<ReturnType<Tasks[K]>> extends TaskOutcome<infer V> ? V : never;

/** What the routes and services need of the pool; tests may stand in for it. */
export interface TaskRunner {
  run<K extends WorkerTaskName>(task: K, input: WorkerTaskInput<K>): Promise<WorkerTaskOutput<K>>;
  /** Throws the pool's 503 when a task handed in now would be refused. */
  assertCapacity(): void;
}

const retryAfterSeconds = 5;

export class WorkerPool implements TaskRunner {
  private readonly piscina: Piscina;
  /** Tasks handed in and not settled; admission is counted here, so piscina's own queue never refuses. */
  private inFlight = 0;

  constructor(private readonly options: WorkerPoolOptions) {
    this.piscina = new Piscina({
      filename: new URL("./worker-tasks.ts", import.meta.url).href,
      minThreads: 0,
      maxThreads: options.size,
      idleTimeout: 24 * 60 * 60_000,
      concurrentTasksPerWorker: 1,
      execArgv: withTsx(process.execArgv),
      workerData: { modelThreads: options.modelThreads ?? 1 } satisfies WorkerSettings,
    });
  }

  /** Tasks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: Math.min(this.inFlight, this.options.size), waiting: Math.max(0, this.inFlight - this.options.size) };
  }

  assertCapacity(): void {
    if (this.inFlight >= this.options.size + this.options.queueLimit) throw busy();
  }

  async run<K extends WorkerTaskName>(task: K, input: WorkerTaskInput<K>): Promise<WorkerTaskOutput<K>> {
    this.assertCapacity();
    this.inFlight += 1;
    let outcome: TaskOutcome<WorkerTaskOutput<K>>;
    try {
      outcome = await this.piscina.run(input, { name: task, signal: AbortSignal.timeout(this.options.taskTimeoutMs) });
    } catch (error) {
      if ((error as { name?: string } | null)?.name === "AbortError") {
        throw new ServiceUnavailableError(`The server did not finish this work within ${this.options.taskTimeoutMs / 1000} s. Try again later.`, {
          retryAfterSeconds,
          code: "WorkerTimeout",
        });
      }
      throw error;
    } finally {
      this.inFlight -= 1;
    }
    if ("refused" in outcome) throw new AppError(outcome.refused.status, outcome.refused.code, outcome.refused.message);
    return outcome.value;
  }

  /**
   * Starts every thread and loads its face models, so that no user's first liveness
   * attempt waits for them (2-3 s). One task per thread, all handed in at once: each
   * thread runs one at a time, so piscina starts a thread for each. Not counted against
   * the waiting line: tasks handed in meanwhile queue behind it as they would behind a
   * first attempt. Resolves with what each thread did.
   */
  async preloadFaceModels(): Promise<WorkerTaskOutput<"preloadFaceModels">[]> {
    const preload = (): Promise<TaskOutcome<WorkerTaskOutput<"preloadFaceModels">>> =>
      this.piscina.run(undefined, { name: "preloadFaceModels", signal: AbortSignal.timeout(this.options.taskTimeoutMs) });
    const outcomes = await Promise.all(Array.from({ length: this.options.size }, preload));
    return outcomes.map((outcome) => {
      if ("refused" in outcome) throw new AppError(outcome.refused.status, outcome.refused.code, outcome.refused.message);
      return outcome.value;
    });
  }

  async close(): Promise<void> {
    await this.piscina.close({ force: true });
  }
}

function busy(): ServiceUnavailableError {
  return new ServiceUnavailableError("The server is busy with other work of this kind. Try again in a few seconds.", {
    retryAfterSeconds,
    code: "ServerBusy",
  });
}

/**
 * Workers run this project's TypeScript sources as the main thread does: `node --import
 * tsx` passes the flag on to workers itself; under Vitest it has to be added.
 */
function withTsx(execArgv: readonly string[]): string[] {
  const hasTsx = execArgv.some((arg, i) => arg === "--import=tsx" || (arg === "--import" && execArgv[i + 1] === "tsx"));
  return hasTsx ? [...execArgv] : [...execArgv, "--import", "tsx"];
}

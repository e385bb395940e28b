import { describe, expect, it } from "vitest";
import { ServiceUnavailableError } from "../errors.ts";
import { ConcurrencyGate } from "./concurrency-gate.ts";

/** A gate runs `concurrency` pieces of work at once, lets `queueLimit` wait in order, and refuses the rest with 503. */
describe("ConcurrencyGate", () => {
  function controllable() {
    const started: string[] = [];
    const finishers = new Map<string, () => void>();
    const work = (name: string) => () => {
      started.push(name);
      return new Promise<string>((resolve) => finishers.set(name, () => resolve(name)));
    };
    return { started, work, finish: (name: string) => finishers.get(name)!() };
  }

  it("runs up to its concurrency at once and starts waiting work in order of arrival as slots free up", async () => {
    const gate = new ConcurrencyGate({ concurrency: 2, queueLimit: 2, what: "testing" });
    const { started, work, finish } = controllable();
    const results = ["a", "b", "c", "d"].map((name) => gate.run(work(name)));
    await Promise.resolve();
    expect(started).toEqual(["a", "b"]);
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    finish("b");
    await expect(results[1]).resolves.toBe("b");
    expect(started).toEqual(["a", "b", "c"]);
    finish("a");
    finish("c");
    await Promise.all([results[0], results[2]]);
    expect(started).toEqual(["a", "b", "c", "d"]);
    finish("d");
    await results[3];
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses work beyond its waiting line at once with 503, Retry-After and a Message, and admits work again once there is room", async () => {
    const gate = new ConcurrencyGate({ concurrency: 1, queueLimit: 1, what: "checking passwords", retryAfterSeconds: 3 });
    const { started, work, finish } = controllable();
    const first = gate.run(work("first"));
    const second = gate.run(work("second"));
    const refused = await gate.run(work("third")).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect(refused).toMatchObject({ status: 503, code: "ServerBusy", headers: { "Retry-After": "3" }, message: expect.stringMatching(/busy checking passwords/) });
    expect(started).toEqual(["first"]);
    finish("first");
    await first;
    const fourth = gate.run(work("fourth"));
    finish("second");
    await second;
    finish("fourth");
    await expect(fourth).resolves.toBe("fourth");
  });

  it("frees the slot of work that fails", async () => {
    const gate = new ConcurrencyGate({ concurrency: 1, queueLimit: 0, what: "testing" });
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.run(() => Promise.resolve("after"))).resolves.toBe("after");
  });
});

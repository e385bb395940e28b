import { fork } from "node:child_process";
import path from "node:path";
import { freePort } from "./bff-process.ts";

/** Starts the bare Express hello-world baseline in a child process; resolves its URL. */
export async function startHelloWorld(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, "hello-world.ts"), [String(port)], { execArgv: ["--import", "tsx"], stdio: "ignore" });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`hello-world exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

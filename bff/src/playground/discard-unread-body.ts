import type { Request } from "express";

/**
 * For a request answered before its body was read: once the answer is sent, the rest of
 * the body is read and thrown away (never buffered), at most `maxBytes` of it and for at
 * most `maxMs`; past either bound the connection is closed. Closing at once would make
 * many clients lose the answer to a connection reset while they are still sending
 * (nginx's "lingering close" for the same reason); not closing at all would let a body
 * of any length be read to its end. A body declared longer than `maxBytes` is not read at
 * all: its client would lose the answer when the bound is reached anyway, so reading it
 * would only spend the server's time (12 MB posts of an attacker, say).
 */
export function discardUnreadBody(req: Request, limits: { maxBytes: number; maxMs: number }): void {
  if (req.complete) return;
  let discarded = 0;
  const close = () => void req.socket.destroy();
  if (Number(req.get("content-length") ?? 0) > limits.maxBytes) return close();
  const timer = setTimeout(close, limits.maxMs).unref();
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.maxBytes) close();
  });
  req.once("end", () => clearTimeout(timer)).once("close", () => clearTimeout(timer));
  req.resume();
}

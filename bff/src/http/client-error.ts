import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { parserRefusal } from "./framework-refusals.ts";

/**
 * Answers what Node's HTTP parser refuses before Express sees a request (headers too
 * large, malformed request lines or headers, a request that does not arrive in time) with
 * the BFF's JSON error model instead of Node's bare status line. The connection is closed
 * afterwards: its stream position is unknown.
 */
export function answerClientError(logger: Logger): (error: Error & { code?: string }, socket: Duplex) => void {
  return (error, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable || responseInFlight(socket)) {
      socket.destroy();
      return;
    }
    const refusal = parserRefusal(error.code);
    logger.debug({ code: error.code, status: refusal.status }, "request refused by the HTTP parser");
    const body = JSON.stringify({ Message: refusal.message, Code: refusal.code });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "X-Content-Type-Options: nosniff\r\n" +
        "Connection: close\r\n\r\n" +
        body,
    );
  };
}

/** Node's own handler writes nothing once a response has begun on the socket; neither does this one. */
function responseInFlight(socket: Duplex): boolean {
  return (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
}

import type { Request, RequestHandler } from "express";
import { AppError, BadRequestError, PayloadTooLargeError } from "../errors.ts";

/**
 * Reads a JSON request body of at most `limit` bytes into `req.body`, for a route whose
 * caller has been checked already. Unlike express.json, which reads a body over its limit
 * to the end before answering, this refuses it as soon as that is known: from
 * Content-Length before reading, else at the chunk that crosses the limit. Only
 * `application/json` without Content-Encoding is read.
 */
export function readLimitedJson(options: { limit: number; tooLarge: string }): RequestHandler {
  return async (req, _res, next) => {
    if (!req.is("application/json")) throw new AppError(415, "UnsupportedMediaType", "Send the body as application/json.");
    const encoding = req.get("content-encoding");
    if (encoding && encoding.toLowerCase() !== "identity") throw new AppError(415, "UnsupportedMediaType", "Send the body without Content-Encoding.");
    if (Number(req.get("content-length")) > options.limit) throw new PayloadTooLargeError(options.tooLarge);
    const text = (await readAtMost(req, options.limit, options.tooLarge)).toString("utf8");
    try {
      req.body = JSON.parse(text) as unknown;
    } catch {
      throw new BadRequestError("The request body is not valid JSON.");
    }
    next();
  };
}

function readAtMost(req: Request, limit: number, tooLarge: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData).off("end", onEnd).off("error", onFailure).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Paused, not destroyed: the 413 still has to be written on this connection.
      stop();
      req.pause();
      reject(new PayloadTooLargeError(tooLarge));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onFailure = () => {
      stop();
      reject(new BadRequestError("The request body could not be read."));
    };
    const onClose = () => {
      if (!req.complete) onFailure();
    };
    req.on("data", onData).on("end", onEnd).on("error", onFailure).on("close", onClose);
  });
}

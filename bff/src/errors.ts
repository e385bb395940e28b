import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { ZodError } from "zod";
import { frameworkRefusal } from "./http/framework-refusals.ts";

/**
 * One error model for the whole BFF, after oidc-provider's helpers/errors.js:
 * - Every error a client may see is an AppError with a status, a stable Code and a Message.
 * - The handler answers `{ "Message": ..., "Code": ... }`; 5xx details are logged, never sent.
 * - Invalid input (zod) is a 400 naming the offending fields.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, code = "BadRequest") {
    super(400, code, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message: string, scheme = "Bearer") {
    super(401, "Unauthorized", message, { "WWW-Authenticate": scheme });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do this.") {
    super(403, "Forbidden", message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, "NotFound", message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, "Conflict", message);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super(503, "ServiceUnavailable", message, { "Retry-After": "5" });
  }
}

export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new NotFoundError(`No route for ${req.method} ${req.path}.`);
};

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let error: AppError;
    const refusal = frameworkRefusal(err);
    if (err instanceof AppError) {
      error = err;
    } else if (err instanceof ZodError) {
      error = new BadRequestError(describeZodError(err), "ValidationFailed");
    } else if (refusal) {
      error = new AppError(refusal.status, refusal.code, refusal.message);
    } else {
      logger.error({ err, method: req.method, path: req.path }, "unhandled error");
      error = new AppError(500, "InternalError", "An unexpected error occurred. Try again later.");
    }
    if (error.status >= 500 && err instanceof AppError) {
      logger.warn({ code: error.code, path: req.path }, error.message);
    }
    if (res.headersSent) return;
    res.status(error.status).set(error.headers).json({ Message: error.message, Code: error.code });
  };
}

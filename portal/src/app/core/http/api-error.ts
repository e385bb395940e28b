import { HttpErrorResponse } from '@angular/common/http';

import { ResponseShapeError, isJsonObject } from './json-parse';

/**
 * One error type for everything an API call can end with, carrying a message a user can act on.
 * - Bodies of the form `{ "Message": string, "Code"?: string }` (the BFF's only error model)
 *   keep their Message and Code.
 * - No answer at all, or a gateway answer (502/503/504), means the server was not reached.
 * - Other 5xx never expose details (the BFF logs them), so the message stays generic.
 */
export const UNREACHABLE_MESSAGE = 'The server could not be reached. Check your connection and try again.';
export const SERVER_FAILURE_MESSAGE =
  'The server ran into a problem and could not complete the request. Try again in a moment.';
export const UNEXPECTED_RESPONSE_MESSAGE =
  'The server sent an answer the portal does not understand. Reload the page and try again.';

export interface ApiErrorBody {
  readonly Message: string;
  readonly Code?: string;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get unreachable(): boolean {
    return this.status === 0 || GATEWAY_STATUSES.has(this.status);
  }
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

export function parseApiErrorBody(body: unknown): ApiErrorBody | null {
  const source = typeof body === 'string' ? parseJson(body) : body;
  if (!isJsonObject(source)) return null;
  const message = source['Message'];
  const code = source['Code'];
  if (typeof message !== 'string' || message.trim() === '') return null;
  return typeof code === 'string' ? { Message: message, Code: code } : { Message: message };
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpErrorResponse) return fromHttpError(error);
  if (error instanceof ResponseShapeError) return new ApiError(200, UNEXPECTED_RESPONSE_MESSAGE, 'UnexpectedResponse');
  return new ApiError(0, error instanceof Error ? error.message : String(error));
}

function fromHttpError(error: HttpErrorResponse): ApiError {
  if (error.status === 0 || GATEWAY_STATUSES.has(error.status)) {
    return new ApiError(error.status, UNREACHABLE_MESSAGE);
  }
  if (error.status >= 500) return new ApiError(error.status, SERVER_FAILURE_MESSAGE);
  const body = parseApiErrorBody(error.error);
  if (body) return new ApiError(error.status, body.Message, body.Code);
  return new ApiError(error.status, fallbackMessage(error.status));
}

function fallbackMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Your session has ended. Sign in again to continue.';
    case 403:
      return 'You do not have permission to do this.';
    case 404:
      return 'The requested item no longer exists.';
    default:
      return `The request failed (HTTP ${status}).`;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

import { HttpErrorResponse } from '@angular/common/http';
import { ErrorHandler, Injectable, Injector, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';

import { ApiError, toApiError } from './api-error';
import { ResponseShapeError } from './json-parse';

export const UNEXPECTED_ERROR_MESSAGE = 'Something went wrong. Reload the page and try again.';
const SNACK_BAR_DURATION_MS = 8_000;

/**
 * The last stop for errors no screen handled itself.
 * - API errors show their Message in a snack bar; ApiError words unreachable servers and 5xx.
 * - Anything else is a bug: it is logged with its stack and the user gets a generic sentence.
 */
@Injectable()
export class AppErrorHandler implements ErrorHandler {
  // Resolved on first use: the handler is created while the application is still bootstrapping.
  private readonly injector = inject(Injector);

  handleError(error: unknown): void {
    if (isApiFailure(error)) {
      this.notify(toApiError(error).message);
      return;
    }
    console.error(error);
    this.notify(UNEXPECTED_ERROR_MESSAGE);
  }

  private notify(message: string): void {
    this.injector.get(MatSnackBar).open(message, 'Dismiss', { duration: SNACK_BAR_DURATION_MS });
  }
}

function isApiFailure(error: unknown): boolean {
  return error instanceof ApiError || error instanceof HttpErrorResponse || error instanceof ResponseShapeError;
}

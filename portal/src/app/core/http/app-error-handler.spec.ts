import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError, SERVER_FAILURE_MESSAGE, UNREACHABLE_MESSAGE } from './api-error';
import { AppErrorHandler, UNEXPECTED_ERROR_MESSAGE } from './app-error-handler';

describe('AppErrorHandler', () => {
  let handler: AppErrorHandler;
  let open: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    open = vi.fn();
    TestBed.configureTestingModule({
      providers: [AppErrorHandler, { provide: MatSnackBar, useValue: { open } }],
    });
    handler = TestBed.inject(AppErrorHandler);
  });

  function shownMessage(): unknown {
    expect(open).toHaveBeenCalledTimes(1);
    return open.mock.calls[0]?.[0];
  }

  it('shows the Message from an API error body in a snack bar', () => {
    handler.handleError(
      new HttpErrorResponse({
        url: '/api/clients',
        status: 403,
        statusText: 'Forbidden',
        error: { Message: 'View users cannot add Web API keys.', Code: 'Forbidden' },
      }),
    );

    expect(shownMessage()).toBe('View users cannot add Web API keys.');
  });

  it('shows the message of an ApiError from the error interceptor', () => {
    handler.handleError(new ApiError(409, 'Partition 1 is already used in storage bws.', 'Conflict'));

    expect(shownMessage()).toBe('Partition 1 is already used in storage bws.');
  });

  it('tells the user the server could not be reached when the request never got an answer', () => {
    handler.handleError(new HttpErrorResponse({ url: '/api/me', status: 0, statusText: 'Unknown Error' }));

    expect(shownMessage()).toBe(UNREACHABLE_MESSAGE);
  });

  it('hides the details of a 5xx behind a helpful sentence', () => {
    handler.handleError(
      new HttpErrorResponse({ url: '/api/me', status: 500, error: { Message: 'Internal server error' } }),
    );

    expect(shownMessage()).toBe(SERVER_FAILURE_MESSAGE);
  });

  it('logs errors that are not API failures and shows a generic message', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bug = new TypeError('me is undefined');

    handler.handleError(bug);

    expect(shownMessage()).toBe(UNEXPECTED_ERROR_MESSAGE);
    expect(log).toHaveBeenCalledWith(bug);
    log.mockRestore();
  });
});

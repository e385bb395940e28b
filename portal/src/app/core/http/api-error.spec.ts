import { HttpErrorResponse } from '@angular/common/http';
import { describe, expect, it } from 'vitest';

import { UNEXPECTED_RESPONSE_MESSAGE, UNREACHABLE_MESSAGE, parseApiErrorBody, toApiError } from './api-error';
import { ResponseShapeError } from './json-parse';

describe('parseApiErrorBody', () => {
  it('reads Message and Code', () => {
    expect(parseApiErrorBody({ Message: 'Not allowed.', Code: 'Forbidden' })).toEqual({
      Message: 'Not allowed.',
      Code: 'Forbidden',
    });
  });

  it('reads a JSON text body, as sent with a non-JSON content type', () => {
    expect(parseApiErrorBody('{"Message":"Too many attempts."}')).toEqual({ Message: 'Too many attempts.' });
  });

  it('returns null for bodies without a Message', () => {
    expect(parseApiErrorBody({ error: 'invalid_grant' })).toBeNull();
    expect(parseApiErrorBody('<html>Bad gateway</html>')).toBeNull();
    expect(parseApiErrorBody(null)).toBeNull();
  });
});

describe('toApiError', () => {
  it('treats gateway errors as an unreachable server', () => {
    const error = toApiError(new HttpErrorResponse({ status: 503, error: 'Service Unavailable' }));

    expect(error).toMatchObject({ status: 503, message: UNREACHABLE_MESSAGE, unreachable: true });
  });

  it('explains a 403 without body in plain words', () => {
    expect(toApiError(new HttpErrorResponse({ status: 403 })).message).toBe('You do not have permission to do this.');
  });

  it('turns a response of the wrong shape into an understandable error', () => {
    expect(toApiError(new ResponseShapeError('me.username', 'a string')).message).toBe(UNEXPECTED_RESPONSE_MESSAGE);
  });
});

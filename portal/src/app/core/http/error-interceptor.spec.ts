import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { AuthStore } from '../auth/auth-store';
import { ApiError, UNREACHABLE_MESSAGE } from './api-error';
import { errorInterceptor } from './error-interceptor';

const TOKEN_EXPIRY = 1_800_000_000_000;
const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

describe('errorInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let recoverFromUnauthorized: ReturnType<typeof vi.fn<(staleExpiry: number) => Promise<boolean>>>;

  beforeEach(() => {
    recoverFromUnauthorized = vi.fn(async () => true);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: AuthStore, useValue: { tokenExpiry: () => TOKEN_EXPIRY, recoverFromUnauthorized } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  async function failureOf(result: Promise<unknown>): Promise<unknown> {
    return result.then(
      () => {
        throw new Error('expected the request to fail');
      },
      (error: unknown) => error,
    );
  }

  it('turns a { Message, Code } error body into an ApiError carrying that Message', async () => {
    const result = firstValueFrom(http.get('/api/clients'));
    backend
      .expectOne('/api/clients')
      .flush({ Message: 'A client named demo-client already exists.', Code: 'Conflict' }, { status: 409, statusText: 'Conflict' });

    const error = await failureOf(result);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, message: 'A client named demo-client already exists.', code: 'Conflict' });
  });

  it('reports a server that cannot be reached with a helpful message', async () => {
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').error(new ProgressEvent('error'));

    expect(await failureOf(result)).toMatchObject({ status: 0, message: UNREACHABLE_MESSAGE });
  });

  it('refreshes the token once after a 401 and retries the request', async () => {
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush({ Message: 'The access token has expired.' }, UNAUTHORIZED);

    const retry = await vi.waitFor(() => backend.expectOne('/api/me'));
    retry.flush({ username: 'owner' });

    await expect(result).resolves.toEqual({ username: 'owner' });
    expect(recoverFromUnauthorized).toHaveBeenCalledExactlyOnceWith(TOKEN_EXPIRY);
  });

  it('gives up with an ApiError when the retried request is refused again', async () => {
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush({ Message: 'The access token has expired.' }, UNAUTHORIZED);
    const retry = await vi.waitFor(() => backend.expectOne('/api/me'));
    retry.flush({ Message: 'The account is disabled.' }, UNAUTHORIZED);

    expect(await failureOf(result)).toMatchObject({ status: 401, message: 'The account is disabled.' });
    expect(recoverFromUnauthorized).toHaveBeenCalledTimes(1);
    backend.verify();
  });

  it('does not retry when no fresh token can be had', async () => {
    recoverFromUnauthorized.mockResolvedValue(false);
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush({ Message: 'The access token has expired.' }, UNAUTHORIZED);

    expect(await failureOf(result)).toMatchObject({ status: 401, message: 'The access token has expired.' });
    backend.verify();
  });

  it('leaves requests outside /api/ untouched', async () => {
    const result = firstValueFrom(http.post('/oidc/token', 'grant_type=refresh_token'));
    backend.expectOne('/oidc/token').flush({ error: 'invalid_grant' }, { status: 400, statusText: 'Bad Request' });

    expect(await failureOf(result)).toBeInstanceOf(HttpErrorResponse);
    expect(recoverFromUnauthorized).not.toHaveBeenCalled();
  });
});

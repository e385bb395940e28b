import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { OAuthService } from 'angular-oauth2-oidc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { authInterceptor } from '../../core/auth/auth-interceptor';
import { AuthStore } from '../../core/auth/auth-store';
import { errorInterceptor } from '../../core/http/error-interceptor';
import { INSTALLATION_ID } from '../../testing/api-samples';
import { PlaygroundStore } from './playground-store';

const CLIENT = {
  id: '6f1c2a8e-0000-4000-8000-000000000001',
  name: 'demo-client',
  installation: { id: INSTALLATION_ID, name: 'demo' },
  storage: 'bws',
  partition: 1,
  expiresAt: '2027-11-29T00:00:00.000Z',
  expired: false,
  identification: false,
  role: 'View',
};
const TOKEN = {
  token: 'bws.token.one',
  challenges: [
    ['left', 'up', 'right'],
    ['down', 'left', 'up'],
    ['right', 'down', 'left'],
  ],
  maxTries: 3,
  expiresAt: '2099-01-01T00:10:00.000Z',
};
const FRAMES = [
  { t: 0, image: 'AAAA' },
  { t: 200, image: 'BBBB' },
  { t: 400, image: 'CCCC' },
];
const TOKEN_URL = '/api/clients/demo-client/playground/token';
const LIVENESS_URL = '/extension/livenessdetection';

describe('PlaygroundStore', () => {
  let store: PlaygroundStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [PlaygroundStore, provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(PlaygroundStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function startWith(token: object = TOKEN): Promise<void> {
    store.selectClient('demo-client');
    const started = store.start();
    backend.expectOne({ method: 'POST', url: TOKEN_URL }).flush(token);
    await started;
  }

  async function submitAnswering(body: object, status = 200): Promise<void> {
    const submitted = store.submit(FRAMES);
    backend
      .expectOne({ method: 'POST', url: LIVENESS_URL })
      .flush(body, { status, statusText: status === 200 ? 'OK' : 'Unauthorized' });
    await submitted;
  }

  it('lists up to 500 readable clients by name and picks the only one', () => {
    store.loadClients();
    expect(store.clientsLoading()).toBe(true);

    const request = backend.expectOne((candidate) => candidate.url === '/api/clients');
    expect(request.request.params.get('limit')).toBe('500');
    expect(request.request.params.get('sort')).toBe('name');
    request.flush({ items: [CLIENT], total: 1 });

    expect(store.clientsLoading()).toBe(false);
    expect(store.clients()?.map((client) => client.name)).toEqual(['demo-client']);
    expect(store.clientName()).toBe('demo-client');
  });

  it('keeps the API Message when the clients cannot be listed', () => {
    store.loadClients();
    backend
      .expectOne((candidate) => candidate.url === '/api/clients')
      .flush({ Message: 'Not allowed' }, { status: 403, statusText: 'Forbidden' });

    expect(store.clientsError()?.message).toBe('Not allowed');
  });

  it('gets a token for the chosen client and readies its first try with the first challenges', async () => {
    store.selectClient('demo-client');
    const started = store.start();
    expect(store.phase()).toBe('starting');
    backend.expectOne({ method: 'POST', url: TOKEN_URL }).flush(TOKEN);
    await started;

    expect(store.phase()).toBe('ready');
    expect(store.triesLeft()).toBe(3);
    expect(store.attempt()).toEqual({ id: 1, tryNumber: 1, challenges: ['left', 'up', 'right'] });
  });

  it('ends back in idle with the Message when no token is given', async () => {
    store.selectClient('demo-client');
    const started = store.start();
    backend
      .expectOne({ method: 'POST', url: TOKEN_URL })
      .flush({ Message: "The client 'demo-client' has expired." }, { status: 403, statusText: 'Forbidden' });
    await started;

    expect(store.phase()).toBe('idle');
    expect(store.error()?.message).toBe("The client 'demo-client' has expired.");
    expect(store.attempt()).toBeNull();
  });

  it('refuses a token answer with an unknown challenge direction', async () => {
    await startWith({ ...TOKEN, challenges: [['left', 'sideways']] });

    expect(store.phase()).toBe('idle');
    expect(store.error()?.code).toBe('UnexpectedResponse');
  });

  it('posts the frames with the BWS token as bearer and keeps the verdict and the tries used', async () => {
    await startWith();

    const submitted = store.submit(FRAMES);
    expect(store.phase()).toBe('sending');
    const request = backend.expectOne({ method: 'POST', url: LIVENESS_URL });
    expect(request.request.headers.get('Authorization')).toBe('Bearer bws.token.one');
    expect(request.request.body).toEqual({ frames: FRAMES });
    request.flush({ Success: false, ErrorString: 'LiveDetectionFailed', Tries: 1, MaxTries: 3 });
    await submitted;

    expect(store.phase()).toBe('ended');
    expect(store.verdict()).toEqual({ success: false, errorString: 'LiveDetectionFailed', tries: 1, maxTries: 3 });
    expect(store.triesLeft()).toBe(2);
    expect(store.canTryAgain()).toBe(true);
    expect(store.attempt()).toBeNull();
  });

  it("holds the next try to the token's next challenges, counting tries as the service does", async () => {
    await startWith();
    await submitAnswering({ Success: false, ErrorString: 'ChallengeResponseFailed', Tries: 2, MaxTries: 3 });

    await store.tryAgain();

    expect(store.phase()).toBe('ready');
    expect(store.verdict()).toBeNull();
    expect(store.attempt()).toEqual({ id: 2, tryNumber: 3, challenges: ['right', 'down', 'left'] });
  });

  it('offers no further try once all tries are used, and a new token starts over', async () => {
    await startWith();
    await submitAnswering({ Success: true, ErrorString: null, Tries: 3, MaxTries: 3 });

    expect(store.verdict()?.success).toBe(true);
    expect(store.triesLeft()).toBe(0);
    expect(store.canTryAgain()).toBe(false);
    await store.tryAgain();
    expect(store.phase()).toBe('ended');

    await startWith({ ...TOKEN, token: 'bws.token.two' });
    expect(store.triesLeft()).toBe(3);
    expect(store.attempt()).toMatchObject({ tryNumber: 1, challenges: ['left', 'up', 'right'] });
  });

  it('stops offering a token the service refuses', async () => {
    await startWith();
    await submitAnswering({ Message: 'The BWS token has used all of its 3 tries.' }, 401);

    expect(store.phase()).toBe('ended');
    expect(store.error()?.message).toBe('The BWS token has used all of its 3 tries.');
    expect(store.triesLeft()).toBe(0);
    expect(store.canTryAgain()).toBe(false);
  });

  it('replaces an expired token before the next try', async () => {
    await startWith({ ...TOKEN, expiresAt: '2000-01-01T00:00:00.000Z' });
    await submitAnswering({ Success: false, ErrorString: 'NoFaceFound', Tries: 1, MaxTries: 3 });

    const retried = store.tryAgain();
    backend.expectOne({ method: 'POST', url: TOKEN_URL }).flush({ ...TOKEN, token: 'bws.token.fresh' });
    await retried;

    expect(store.token()?.token).toBe('bws.token.fresh');
    expect(store.attempt()).toMatchObject({ tryNumber: 1 });
  });

  it('cancels a running attempt without using a try', async () => {
    await startWith();

    store.cancelAttempt();

    expect(store.phase()).toBe('ended');
    expect(store.attempt()).toBeNull();
    expect(store.triesLeft()).toBe(3);
    await store.tryAgain();
    expect(store.attempt()).toMatchObject({ id: 2, tryNumber: 1, challenges: ['left', 'up', 'right'] });
  });

  it('drops the token when another client is chosen', async () => {
    await startWith();

    store.selectClient('second-client');

    expect(store.token()).toBeNull();
    expect(store.phase()).toBe('idle');
  });
});

describe('PlaygroundStore behind the portal interceptors', () => {
  it("asks for the token with the portal's access token and posts the attempt with the BWS token", async () => {
    TestBed.configureTestingModule({
      providers: [
        PlaygroundStore,
        provideHttpClient(withInterceptors([errorInterceptor, authInterceptor])),
        provideHttpClientTesting(),
        { provide: OAuthService, useValue: { getAccessToken: () => 'portal-access-token' } },
        { provide: AuthStore, useValue: { tokenExpiry: () => null, recoverFromUnauthorized: async () => false } },
      ],
    });
    const store = TestBed.inject(PlaygroundStore);
    const backend = TestBed.inject(HttpTestingController);

    store.selectClient('demo-client');
    const started = store.start();
    const tokenRequest = backend.expectOne(TOKEN_URL);
    expect(tokenRequest.request.headers.get('Authorization')).toBe('Bearer portal-access-token');
    tokenRequest.flush(TOKEN);
    await started;

    const submitted = store.submit(FRAMES);
    const attempt = backend.expectOne(LIVENESS_URL);
    expect(attempt.request.headers.get('Authorization')).toBe('Bearer bws.token.one');
    attempt.flush({ Message: 'The BWS token has expired.' }, { status: 401, statusText: 'Unauthorized' });
    await submitted;

    expect(store.error()?.message).toBe('The BWS token has expired.');
    backend.verify();
  });
});

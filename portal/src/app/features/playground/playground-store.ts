import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Subscription, firstValueFrom } from 'rxjs';

import type { Direction } from '../../../../../common/face/head-pose.js';
import { ApiError, toApiError } from '../../core/http/api-error';
import { ClientSummary } from '../clients/client-page';
import { PlaygroundApi } from './playground-api';
import { LivenessSample, LivenessVerdict, PlaygroundToken } from './playground-token';

/**
 * idle: no token yet. starting: asking for one. ready: an attempt runs.
 * sending: its frames are with the service. ended: the verdict (or failure, or cancellation) is shown.
 */
export type PlaygroundPhase = 'idle' | 'starting' | 'ready' | 'sending' | 'ended';

/** One try of a token: the challenges the service will hold it to. */
export interface PlaygroundAttempt {
  /** Changes with every attempt, also when a new token repeats the same challenges. */
  readonly id: number;
  /** 1-based, as the service counts tries. */
  readonly tryNumber: number;
  readonly challenges: readonly Direction[];
}

/**
 * The playground's session with the service: the chosen client, its BWS token and the tries
 * used on it. Rules:
 * - Try k of a token must follow the token's k-th challenge sequence; the service's answer
 *   (`Tries`) is the count of tries used, whatever the portal counted.
 * - A token the service refuses (401: expired or all tries used) is not offered again;
 *   the user starts over with a new one. An expired token is replaced before a try.
 */
@Injectable()
export class PlaygroundStore {
  private readonly api = inject(PlaygroundApi);

  private readonly clientsState = signal<readonly ClientSummary[] | null>(null);
  private readonly clientsLoadingState = signal(false);
  private readonly clientsErrorState = signal<ApiError | null>(null);
  private readonly clientNameState = signal<string | null>(null);
  private readonly tokenState = signal<PlaygroundToken | null>(null);
  private readonly triesUsedState = signal(0);
  private readonly phaseState = signal<PlaygroundPhase>('idle');
  private readonly verdictState = signal<LivenessVerdict | null>(null);
  private readonly errorState = signal<ApiError | null>(null);
  private readonly tokenRefusedState = signal(false);
  private attemptSerial = 0;
  private readonly attemptIdState = signal(0);
  private clientsRequest: Subscription | undefined;

  readonly clients = this.clientsState.asReadonly();
  readonly clientsLoading = this.clientsLoadingState.asReadonly();
  readonly clientsError = this.clientsErrorState.asReadonly();
  readonly clientName = this.clientNameState.asReadonly();
  readonly token = this.tokenState.asReadonly();
  readonly triesUsed = this.triesUsedState.asReadonly();
  readonly phase = this.phaseState.asReadonly();
  readonly verdict = this.verdictState.asReadonly();
  readonly error = this.errorState.asReadonly();

  readonly maxTries = computed(() => this.verdictState()?.maxTries ?? this.tokenState()?.maxTries ?? 0);
  readonly triesLeft = computed(() =>
    this.tokenState() && !this.tokenRefusedState() ? Math.max(0, this.maxTries() - this.triesUsedState()) : 0,
  );
  /** The challenges of the next try, shown before it starts. */
  readonly nextChallenges = computed<readonly Direction[] | null>(() => {
    const token = this.tokenState();
    if (!token || this.triesLeft() === 0 || token.challenges.length === 0) return null;
    return token.challenges[Math.min(this.triesUsedState(), token.challenges.length - 1)];
  });
  readonly attempt = computed<PlaygroundAttempt | null>(() => {
    const challenges = this.nextChallenges();
    if (this.phaseState() !== 'ready' || !challenges) return null;
    return { id: this.attemptIdState(), tryNumber: this.triesUsedState() + 1, challenges };
  });
  readonly canTryAgain = computed(() => this.phaseState() === 'ended' && this.triesLeft() > 0);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.clientsRequest?.unsubscribe());
  }

  loadClients(): void {
    this.clientsRequest?.unsubscribe();
    this.clientsLoadingState.set(true);
    this.clientsErrorState.set(null);
    this.clientsRequest = this.api.listClients().subscribe({
      next: (clients) => {
        this.clientsState.set(clients);
        this.clientsLoadingState.set(false);
        const only = clients.length === 1 ? clients[0].name : null;
        if (!this.clientNameState() && only) this.clientNameState.set(only);
      },
      error: (error: unknown) => {
        this.clientsErrorState.set(toApiError(error));
        this.clientsLoadingState.set(false);
      },
    });
  }

  /** Choosing another client drops the token of the previous one. */
  selectClient(name: string): void {
    if (name === this.clientNameState()) return;
    this.clientNameState.set(name);
    this.resetToken();
  }

  /** Gets a new token for the chosen client; its first try is then ready. */
  async start(): Promise<void> {
    const name = this.clientNameState();
    if (!name || this.phaseState() === 'starting' || this.phaseState() === 'sending') return;
    this.resetToken();
    this.phaseState.set('starting');
    try {
      const token = await firstValueFrom(this.api.createToken(name));
      if (name !== this.clientNameState()) return;
      this.tokenState.set(token);
      this.beginAttempt();
    } catch (error) {
      this.errorState.set(toApiError(error));
      this.phaseState.set('idle');
    }
  }

  /** Sends the frames of the running attempt and keeps the service's verdict. */
  async submit(frames: readonly LivenessSample[]): Promise<void> {
    const token = this.tokenState();
    if (!token || this.phaseState() !== 'ready') return;
    this.phaseState.set('sending');
    try {
      const verdict = await firstValueFrom(this.api.detectLiveness(token.token, frames));
      if (token !== this.tokenState()) return;
      this.verdictState.set(verdict);
      this.triesUsedState.set(verdict.tries);
    } catch (error) {
      if (token !== this.tokenState()) return;
      const apiError = toApiError(error);
      this.errorState.set(apiError);
      if (apiError.status === 401) this.tokenRefusedState.set(true);
    }
    this.phaseState.set('ended');
  }

  /** Stops the running attempt without sending it: the try is not used. */
  cancelAttempt(): void {
    if (this.phaseState() === 'ready') this.phaseState.set('ended');
  }

  /** The next try of the same token, or a new token when the current one has expired. */
  async tryAgain(): Promise<void> {
    const token = this.tokenState();
    if (!token || !this.canTryAgain()) return;
    if (Date.parse(token.expiresAt) <= Date.now()) return this.start();
    this.beginAttempt();
  }

  private beginAttempt(): void {
    this.verdictState.set(null);
    this.errorState.set(null);
    this.attemptIdState.set(++this.attemptSerial);
    this.phaseState.set('ready');
  }

  private resetToken(): void {
    this.tokenState.set(null);
    this.triesUsedState.set(0);
    this.verdictState.set(null);
    this.errorState.set(null);
    this.tokenRefusedState.set(false);
    this.phaseState.set('idle');
  }
}

import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute } from '@angular/router';

import { ErrorState } from '../../../shared/ui/error-state';
import { DEFAULT_CHALLENGE_TIME_LIMIT_MS } from '../challenge-run';
import { AttemptRecording, LivenessCamera } from '../liveness-camera/liveness-camera';
import { DIRECTION_NAMES, livenessErrorWords } from '../liveness-wording';
import { PlaygroundStore } from '../playground-store';

/** Shortest per-challenge time `?challengeSeconds=` may set (the e2e test uses a short one). */
const MIN_CHALLENGE_SECONDS = 1;

/**
 * Liveness detection as a client's users meet it: pick a client, get a BWS token with
 * challenges, follow them before the camera, and see the service's verdict.
 */
@Component({
  selector: 'app-playground-page',
  imports: [ErrorState, LivenessCamera, MatButtonModule, MatFormFieldModule, MatProgressBarModule, MatSelectModule],
  templateUrl: './playground-page.html',
  styleUrl: './playground-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlaygroundPage {
  private readonly store = inject(PlaygroundStore);

  protected readonly clients = this.store.clients;
  protected readonly clientsLoading = this.store.clientsLoading;
  protected readonly clientsError = this.store.clientsError;
  protected readonly clientName = this.store.clientName;
  protected readonly token = this.store.token;
  protected readonly phase = this.store.phase;
  protected readonly verdict = this.store.verdict;
  protected readonly error = this.store.error;
  protected readonly attempt = this.store.attempt;
  protected readonly triesLeft = this.store.triesLeft;
  protected readonly maxTries = this.store.maxTries;
  protected readonly nextChallenges = this.store.nextChallenges;
  protected readonly canTryAgain = this.store.canTryAgain;

  /** Camera and model are ready; null while either is still starting. */
  protected readonly detectorAvailable = signal<boolean | null>(null);
  /** The browser's own decision on the last attempt, shown beside the service's. */
  protected readonly localDecision = signal<AttemptRecording['local'] | null>(null);

  protected readonly timeLimitMs = challengeTimeLimit(inject(ActivatedRoute).snapshot.queryParamMap.get('challengeSeconds'));
  protected readonly busy = computed(() => ['starting', 'ready', 'sending'].includes(this.phase()));
  protected readonly offerStart = computed(
    () => this.phase() === 'idle' || this.phase() === 'starting' || (this.phase() === 'ended' && !this.canTryAgain()),
  );
  protected readonly nextChallengeNames = computed(() =>
    (this.nextChallenges() ?? []).map((direction) => DIRECTION_NAMES[direction]).join(', '),
  );
  protected readonly verdictWords = computed(() => livenessErrorWords(this.verdict()?.errorString ?? ''));

  constructor() {
    this.store.loadClients();
  }

  protected loadClients(): void {
    this.store.loadClients();
  }

  protected selectClient(name: string): void {
    this.store.selectClient(name);
  }

  protected start(): void {
    this.localDecision.set(null);
    void this.store.start();
  }

  protected tryAgain(): void {
    this.localDecision.set(null);
    void this.store.tryAgain();
  }

  protected cancelAttempt(): void {
    this.store.cancelAttempt();
  }

  protected submitAttempt(recording: AttemptRecording): void {
    if (recording.attemptId !== this.attempt()?.id) return;
    this.localDecision.set(recording.local);
    void this.store.submit(recording.frames);
  }
}

function challengeTimeLimit(seconds: string | null): number {
  const value = Number(seconds);
  if (!seconds || !Number.isFinite(value)) return DEFAULT_CHALLENGE_TIME_LIMIT_MS;
  return Math.max(MIN_CHALLENGE_SECONDS, value) * 1000;
}

import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import type { Direction } from '../../../../../../common/face/head-pose.js';
import type { LivenessDecision } from '../../../../../../common/face/liveness.js';
import { CAMERA, CAMERA_PROBLEM_WORDS, CameraProblem, cameraProblemOf, stopCamera } from '../camera';
import {
  ChallengeRun,
  ChallengeRunState,
  ChallengeStatus,
  DEFAULT_CHALLENGE_TIME_LIMIT_MS,
  RunOutcome,
} from '../challenge-run';
import { DetectorInfo, FACE_DETECTOR } from '../face-detector';
import { drawFaces } from '../face-overlay';
import { FrameSnapshots } from '../frame-snapshots';
import { CHALLENGE_WORDS, DIRECTION_ARROWS, DIRECTION_NAMES } from '../liveness-wording';
import { PlaygroundAttempt } from '../playground-store';
import { LivenessSample } from '../playground-token';

/** What an attempt leaves for the service and for the local feedback. */
export interface AttemptRecording {
  readonly attemptId: number;
  readonly frames: readonly LivenessSample[];
  /** liveness.ts on every detected frame: feedback only, the service decides. */
  readonly local: LivenessDecision;
  readonly outcome: RunOutcome;
}

type CameraState = 'starting' | 'on' | CameraProblem;
type ModelState =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly info: DetectorInfo }
  | { readonly state: 'failed'; readonly message: string };

const HAVE_CURRENT_DATA = 2;
const FPS_WINDOW_MS = 1000;
const STATUS_SYMBOLS: Readonly<Record<ChallengeStatus, string>> = {
  pending: '·',
  active: '…',
  passed: '✓',
  timedOut: '✗',
};
const STATUS_WORDS: Readonly<Record<ChallengeStatus, string>> = {
  pending: 'to do',
  active: 'now',
  passed: 'done',
  timedOut: 'missed',
};

/**
 * The camera side of the playground: the mirrored preview with the detections drawn over
 * it, and the attempt the parent hands in, run challenge by challenge.
 * - Detection runs on every video frame the worker can take: one frame in flight at most,
 *   frames arriving meanwhile are skipped.
 * - Detection and snapshots use the unmirrored frame; only the preview is mirrored.
 * - An attempt starts once a face is in view, and ends (emitting its recording) when the
 *   run is done. Leaving the page stops the camera and the worker.
 */
@Component({
  selector: 'app-liveness-camera',
  imports: [MatProgressBarModule],
  templateUrl: './liveness-camera.html',
  styleUrl: './liveness-camera.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LivenessCamera {
  readonly attempt = input<PlaygroundAttempt | null>(null);
  readonly timeLimitMs = input(DEFAULT_CHALLENGE_TIME_LIMIT_MS);
  /** True once camera and model are ready, false when either cannot be. */
  readonly availability = output<boolean>();
  readonly attemptEnded = output<AttemptRecording>();

  private readonly camera = inject(CAMERA);
  private readonly detector = inject(FACE_DETECTOR)();
  private readonly videoRef = viewChild<ElementRef<HTMLVideoElement>>('video');
  private readonly overlayRef = viewChild<ElementRef<HTMLCanvasElement>>('overlay');

  protected readonly cameraState = signal<CameraState>('starting');
  protected readonly model = signal<ModelState>({ state: 'loading' });
  /** Faces in the latest detected frame; null before the first one. */
  protected readonly faceCount = signal<number | null>(null);
  protected readonly fps = signal<number | null>(null);
  protected readonly detectMs = signal<number | null>(null);
  protected readonly challenges = signal<readonly Direction[]>([]);
  protected readonly runState = signal<ChallengeRunState | null>(null);
  protected readonly waitingForFace = signal(false);

  protected readonly cameraProblem = computed(() => {
    const state = this.cameraState();
    return state === 'starting' || state === 'on' ? null : CAMERA_PROBLEM_WORDS[state];
  });
  protected readonly detecting = computed(() => this.cameraState() === 'on' && this.model().state === 'ready');
  protected readonly faceFound = computed(() => (this.faceCount() ?? 0) > 0);
  protected readonly currentChallenge = computed<Direction | undefined>(() => {
    const run = this.runState();
    return run && run.current >= 0 ? this.challenges()[run.current] : undefined;
  });
  protected readonly secondsLeft = computed(() => Math.ceil((this.runState()?.remainingMs ?? 0) / 1000));
  protected readonly statuses = computed<readonly ChallengeStatus[]>(
    () => this.runState()?.statuses ?? this.challenges().map(() => 'pending'),
  );

  protected readonly words = CHALLENGE_WORDS;
  protected readonly arrows = DIRECTION_ARROWS;
  protected readonly names = DIRECTION_NAMES;
  protected readonly statusSymbols = STATUS_SYMBOLS;
  protected readonly statusWords = STATUS_WORDS;

  private stream: MediaStream | undefined;
  private destroyed = false;
  private cancelFrame: (() => void) | undefined;
  private run: ChallengeRun | undefined;
  private runAttemptId = 0;
  private runStartedAt = 0;
  private snapshots: FrameSnapshots | undefined;
  private followedAttemptId: number | undefined;
  private startOnNextFrame = false;
  private readonly frameTimes: number[] = [];

  constructor() {
    effect(() => {
      const attempt = this.attempt();
      untracked(() => this.follow(attempt));
    });
    afterNextRender(() => void this.start());
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  private follow(attempt: PlaygroundAttempt | null): void {
    if (!attempt) {
      if (this.run && !this.run.done) this.abortRun();
      this.waitingForFace.set(false);
      this.startOnNextFrame = false;
      return;
    }
    if (attempt.id === this.followedAttemptId) return;
    this.followedAttemptId = attempt.id;
    this.abortRun();
    this.challenges.set(attempt.challenges);
    this.runState.set(null);
    this.waitingForFace.set(true);
  }

  private async start(): Promise<void> {
    this.detector.load().then(
      (info) => {
        this.model.set({ state: 'ready', info });
        if (this.cameraState() === 'on') this.availability.emit(true);
      },
      (error: unknown) => {
        this.model.set({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
        this.availability.emit(false);
      },
    );
    try {
      this.stream = await this.camera.open();
    } catch (error) {
      this.cameraState.set(cameraProblemOf(error));
      this.availability.emit(false);
      this.detector.dispose();
      return;
    }
    const video = this.videoRef()?.nativeElement;
    if (this.destroyed || !video) {
      stopCamera(this.stream);
      return;
    }
    video.srcObject = this.stream;
    try {
      await video.play();
    } catch {
      // A muted inline video may autoplay; play() only rejects when interrupted by leaving.
    }
    this.cameraState.set('on');
    if (this.model().state === 'ready') this.availability.emit(true);
    this.scheduleFrame();
  }

  private stop(): void {
    this.destroyed = true;
    this.cancelFrame?.();
    stopCamera(this.stream);
    this.detector.dispose();
  }

  private scheduleFrame(): void {
    const video = this.videoRef()?.nativeElement;
    if (this.destroyed || !video) return;
    const next = () => void this.onFrame();
    if (typeof video.requestVideoFrameCallback === 'function') {
      const handle = video.requestVideoFrameCallback(next);
      this.cancelFrame = () => video.cancelVideoFrameCallback(handle);
    } else {
      const handle = requestAnimationFrame(next);
      this.cancelFrame = () => cancelAnimationFrame(handle);
    }
  }

  /** The next frame is asked for only after this one is done: one frame in flight. */
  private async onFrame(): Promise<void> {
    try {
      await this.detectFrame();
    } catch {
      // A frame the worker could not read is skipped; the next one is tried.
    }
    this.scheduleFrame();
  }

  private async detectFrame(): Promise<void> {
    const video = this.videoRef()?.nativeElement;
    if (!video || this.model().state !== 'ready' || video.readyState < HAVE_CURRENT_DATA) return;
    const { videoWidth: width, videoHeight: height } = video;
    if (!width || !height) return;
    const capturedAt = performance.now();
    if (this.startOnNextFrame) this.beginRun(capturedAt);
    const run = this.run;
    const t = capturedAt - this.runStartedAt;
    if (run && run.takeSnapshot(t)) this.snapshots?.capture(video, width, height, t);

    const { faces, detectMs } = await this.detector.detect(await createImageBitmap(video));
    if (this.destroyed) return;
    const overlay = this.overlayRef()?.nativeElement;
    if (overlay) drawFaces(overlay, width, height, faces);
    this.faceCount.set(faces.length);
    this.detectMs.set(detectMs);
    this.countFrame(performance.now());

    const best = faces[0];
    if (run && run === this.run) {
      this.runState.set(run.addFrame(t, best?.keypoints ?? []));
      if (run.done) void this.endRun(run);
    } else if (this.waitingForFace() && best) {
      this.startOnNextFrame = true;
    }
  }

  private beginRun(at: number): void {
    this.startOnNextFrame = false;
    const attempt = this.attempt();
    if (!attempt) return;
    this.run = new ChallengeRun(attempt.challenges, { timeLimitMs: this.timeLimitMs() });
    this.runAttemptId = attempt.id;
    this.runStartedAt = at;
    this.snapshots = new FrameSnapshots();
    this.waitingForFace.set(false);
    this.runState.set(this.run.state());
  }

  private async endRun(run: ChallengeRun): Promise<void> {
    const snapshots = this.snapshots;
    this.run = undefined;
    this.snapshots = undefined;
    const frames = (await snapshots?.collect()) ?? [];
    if (this.destroyed) return;
    this.attemptEnded.emit({
      attemptId: this.runAttemptId,
      frames,
      local: run.decision(),
      outcome: run.state().outcome ?? 'timedOut',
    });
  }

  private abortRun(): void {
    this.run = undefined;
    this.snapshots = undefined;
    this.startOnNextFrame = false;
  }

  private countFrame(at: number): void {
    this.frameTimes.push(at);
    while (this.frameTimes.length > 0 && at - this.frameTimes[0] > FPS_WINDOW_MS) this.frameTimes.shift();
    const span = at - this.frameTimes[0];
    this.fps.set(this.frameTimes.length > 1 && span > 0 ? ((this.frameTimes.length - 1) * 1000) / span : null);
  }
}

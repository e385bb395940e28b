/*
 * Usage (exactly one of `client` and `installationId`):
 *
 *   <app-sync-status [client]="client.name" [canRetry]="client.allowed.has('updateClient')" />
 *   <app-sync-status [installationId]="installation.id"
 *     [canRetry]="installation.allowed.has('updateInstallation')" />
 *
 * Optional: `(stateChange)` emits the SyncState whenever it changes (e.g. to reload a
 * client when it turns "inSync"); after saving something that queues a change, call
 * `refresh()` on the instance (`viewChild(SyncStatus)`) to show the new backlog at once.
 */
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';

import { toApiError } from '../../../core/http/api-error';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { nextTryText } from '../next-try';
import { SyncState, WaitingClientSync } from '../sync';
import { registerSyncIcons } from '../sync-icons';
import { SyncStore, SyncTarget } from '../sync-store';
import { DateTime } from '../../../shared/time/date-time';

const STATE_NAMES: Readonly<Record<SyncState, string>> = {
  inSync: 'In sync',
  pending: 'Pending',
  failed: 'Failed',
  notConnected: 'Not connected',
};

const STATE_ICONS: Readonly<Record<SyncState, string>> = {
  inSync: 'sync:check',
  pending: 'sync:sync',
  failed: 'sync:sync-problem',
  notConnected: 'sync:link-off',
};

/**
 * Whether the changes of a client or installation have reached the installation's
 * database: a status chip, why it is behind, when the next attempt is, and "Retry now".
 */
@Component({
  selector: 'app-sync-status',
  imports: [ DateTime,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatTableModule,
    TypedCellDef,
  ],
  providers: [SyncStore],
  templateUrl: './sync-status.html',
  styleUrl: './sync-status.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncStatus {
  private readonly store = inject(SyncStore);

  /** Name of the client whose sync to show. */
  readonly client = input<string | null>(null);
  /** Id of the installation whose sync to show, with its clients that have waiting changes. */
  readonly installationId = input<string | null>(null);
  /** updateClient on the client, or updateInstallation on the installation. */
  readonly canRetry = input(false);
  readonly stateChange = output<SyncState>();

  protected readonly sync = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly retrying = signal(false);
  protected readonly retryError = signal<string | null>(null);
  protected readonly clientColumns = ['name', 'state', 'pending', 'lastError'];

  private readonly target = computed<SyncTarget | null>(() => {
    const name = this.client();
    if (name) return { kind: 'client', name };
    const id = this.installationId();
    return id ? { kind: 'installation', id } : null;
  });
  /** Re-read every second while a next attempt is shown, so its countdown moves. */
  private readonly now = signal(Date.now());

  protected readonly behind = computed(() => {
    const state = this.sync()?.state;
    return state === 'pending' || state === 'failed';
  });
  protected readonly label = computed(() => {
    const sync = this.sync();
    if (!sync) return 'Checking synchronization…';
    if (sync.state === 'pending') return `Pending (${sync.pending})`;
    // Changes wait while nothing is connected too; the count stays in view whatever the state.
    if (sync.state === 'notConnected' && sync.pending > 0) return `${STATE_NAMES.notConnected} · ${sync.pending} waiting`;
    return STATE_NAMES[sync.state];
  });
  protected readonly icon = computed(() => STATE_ICONS[this.sync()?.state ?? 'pending']);
  private readonly counting = computed(() => this.behind() && !!this.sync()?.nextAttemptAt);
  protected readonly nextTry = computed(() => {
    const nextAttemptAt = this.sync()?.nextAttemptAt;
    return this.counting() && nextAttemptAt ? nextTryText(nextAttemptAt, this.now()) : null;
  });
  protected readonly waitingClients = computed<readonly WaitingClientSync[]>(() => {
    const sync = this.sync();
    return sync && 'clients' in sync ? sync.clients : [];
  });
  protected readonly lastDelivered = computed(() => {
    const sync = this.sync();
    return sync && 'lastDeliveredAt' in sync && sync.lastDeliveredAt
      ? { at: sync.lastDeliveredAt, version: sync.lastDeliveredVersion }
      : null;
  });
  protected readonly stateNames = STATE_NAMES;

  constructor() {
    registerSyncIcons();
    effect(() => {
      const target = this.target();
      untracked(() => this.store.load(target));
    });
    effect((onCleanup) => {
      if (!this.counting()) return;
      this.now.set(Date.now());
      const timer = setInterval(() => this.now.set(Date.now()), 1000);
      onCleanup(() => clearInterval(timer));
    });
    let lastState: SyncState | undefined;
    effect(() => {
      const state = this.sync()?.state;
      if (state === undefined || state === lastState) return;
      lastState = state;
      untracked(() => this.stateChange.emit(state));
    });
  }

  /** Asks for the status again, e.g. after the host saved a change. */
  refresh(): void {
    this.retryError.set(null);
    this.store.load();
  }

  protected async retryNow(): Promise<void> {
    if (this.retrying()) return;
    this.retrying.set(true);
    this.retryError.set(null);
    try {
      await this.store.retry();
    } catch (error) {
      this.retryError.set(toApiError(error).message);
    } finally {
      this.retrying.set(false);
    }
  }
}

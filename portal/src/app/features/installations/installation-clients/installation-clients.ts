import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ViewContainerRef,
  computed,
  effect,
  inject,
  input,
  output,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Subject, debounceTime, distinctUntilChanged, firstValueFrom } from 'rxjs';

import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { Client } from '../../clients/client';
import { ClientSortKey } from '../../clients/clients-api';
import { ClientsStore } from '../../clients/clients-store';
import { NewClientDialog, NewClientDialogData } from '../../clients/new-client-dialog/new-client-dialog';

const FILTER_DEBOUNCE_MS = 300;
const SORT_KEYS: readonly ClientSortKey[] = ['name', 'partition', 'expiresAt'];

/** The clients of one installation, filtered, sorted and paged by the server. */
@Component({
  selector: 'app-installation-clients',
  imports: [
    DatePipe,
    EmptyState,
    ErrorState,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSortModule,
    MatTableModule,
    RouterLink,
    TypedCellDef,
  ],
  providers: [ClientsStore],
  templateUrl: './installation-clients.html',
  styleUrl: './installation-clients.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallationClients {
  private readonly store = inject(ClientsStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly viewContainerRef = inject(ViewContainerRef);
  private readonly filterInput = new Subject<string>();

  readonly installationId = input.required<string>();
  readonly installationName = input.required<string>();
  readonly storages = input.required<readonly string[]>();
  /** createClients on the installation. */
  readonly canCreate = input(false);
  /** manageClientOwnership on the installation: the user may name the new client's Owner. */
  readonly canPickOwner = input(false);
  /** A client was created: the installation's counts changed. */
  readonly created = output<Client>();

  protected readonly columns = ['name', 'partition', 'expiresAt', 'identification', 'role'];
  protected readonly pageSizes = [25, 50, 100];
  protected readonly query = this.store.query;
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly pageIndex = computed(() => Math.floor(this.query().offset / this.query().limit));

  constructor() {
    this.filterInput
      .pipe(debounceTime(FILTER_DEBOUNCE_MS), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => this.store.updateQuery({ q, offset: 0 }));
    effect(() => {
      const installationId = this.installationId();
      untracked(() => this.store.updateQuery({ installationId, offset: 0 }));
    });
  }

  protected filterClients(text: string): void {
    this.filterInput.next(text.trim());
  }

  protected sortClients(sort: Sort): void {
    const key = SORT_KEYS.find((candidate) => candidate === sort.active);
    if (!key) return;
    this.store.updateQuery({ sort: key, dir: sort.direction === 'desc' ? 'desc' : 'asc', offset: 0 });
  }

  protected changePage(page: PageEvent): void {
    this.store.updateQuery({ offset: page.pageIndex * page.pageSize, limit: page.pageSize });
  }

  protected retry(): void {
    this.store.load();
  }

  protected async createClient(): Promise<void> {
    const ref = this.dialog.open<NewClientDialog, NewClientDialogData, Client>(NewClientDialog, {
      data: {
        installationId: this.installationId(),
        installationName: this.installationName(),
        storages: this.storages(),
        canPickOwner: this.canPickOwner(),
      },
      viewContainerRef: this.viewContainerRef,
      width: '40rem',
    });
    const client = await firstValueFrom(ref.afterClosed());
    if (!client) return;
    this.snackBar.open(`Client “${client.name}” created in partition ${client.partition}`, 'Dismiss', { duration: 5000 });
    this.created.emit(client);
  }
}

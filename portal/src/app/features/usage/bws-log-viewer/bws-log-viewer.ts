import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatTableModule } from '@angular/material/table';
import { debounceTime, map } from 'rxjs';

import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { BWS_LOG_RESULTS, BwsLogEntry, BwsLogResult } from '../bws-log-entry';
import { BWS_LOG_PAGE_SIZE, BwsLogStore } from '../bws-log-store';
import { LogEntryDetails } from '../log-entry-details/log-entry-details';
import { BwsLogFilter, NO_BWS_LOG_FILTER } from '../log-api';
import { RangePicker } from '../range-picker/range-picker';
import { formatDuration } from '../usage-format';
import { DEFAULT_RANGE_SELECTION, resolveRange } from '../usage-range';
import { UsageTarget } from '../usage-target';
import { DateTime } from '../../../shared/time/date-time';

/**
 * The calls BWS and the BFF logged for a client or an installation, newest first, paged on
 * the server. Filters apply as they are typed; a row opens all its fields in a side panel.
 */
@Component({
  selector: 'app-bws-log-viewer',
  imports: [ DateTime,
    EmptyState,
    ErrorState,
    LogEntryDetails,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSidenavModule,
    MatTableModule,
    RangePicker,
    ReactiveFormsModule,
    TypedCellDef,
  ],
  providers: [BwsLogStore],
  templateUrl: './bws-log-viewer.html',
  styleUrl: './bws-log-viewer.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BwsLogViewer {
  private readonly store = inject(BwsLogStore);

  readonly target = input.required<UsageTarget>();

  protected readonly results = BWS_LOG_RESULTS;
  protected readonly pageSize = BWS_LOG_PAGE_SIZE;
  protected readonly selection = signal(DEFAULT_RANGE_SELECTION);
  protected readonly range = computed(() => resolveRange(this.selection()));
  protected readonly form = new FormGroup({
    operation: new FormControl('', { nonNullable: true }),
    result: new FormControl<BwsLogResult | ''>('', { nonNullable: true }),
    errorCode: new FormControl('', { nonNullable: true }),
    instance: new FormControl('', { nonNullable: true }),
    client: new FormControl('', { nonNullable: true }),
  });
  private readonly filter = toSignal(
    this.form.valueChanges.pipe(
      debounceTime(300),
      map((): BwsLogFilter => this.form.getRawValue()),
    ),
    { initialValue: NO_BWS_LOG_FILTER },
  );

  protected readonly page = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly pageIndex = computed(() => Math.floor((this.store.query()?.skip ?? 0) / this.pageSize));
  protected readonly columns = computed(() => [
    'at',
    ...(this.target().kind === 'installation' ? ['client'] : []),
    'operation',
    'result',
    'errorCode',
    'durationMs',
    'instance',
  ]);
  protected readonly selected = signal<BwsLogEntry | null>(null);
  protected readonly formatDuration = formatDuration;

  constructor() {
    effect(() => {
      const target = this.target();
      const range = this.range();
      const filter = this.filter();
      if (!range) return;
      untracked(() => {
        this.selected.set(null);
        this.store.setQuery(target, { from: range.from, to: range.to, ...filter, skip: 0, take: this.pageSize });
      });
    });
  }

  protected changePage(page: PageEvent): void {
    this.selected.set(null);
    this.store.updateQuery({ skip: page.pageIndex * page.pageSize });
  }

  protected retry(): void {
    this.store.load();
  }

  protected open(entry: BwsLogEntry): void {
    this.selected.set(entry);
  }

  protected close(): void {
    this.selected.set(null);
  }
}

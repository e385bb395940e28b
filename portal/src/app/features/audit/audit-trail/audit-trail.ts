import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';

import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { AuditEvent, describeAuditAction, describeAuditObject, formatSnapshot } from '../audit-event';
import { AuditFilter } from '../audit-api';
import { AuditStore } from '../audit-store';
import { DateTime } from '../../../shared/time/date-time';

/** A paged table of audit events matching `filter`, each expandable to its before/after JSON. */
@Component({
  selector: 'app-audit-trail',
  imports: [ DateTime,
    EmptyState,
    ErrorState,
    MatButtonModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    TypedCellDef,
  ],
  providers: [AuditStore],
  templateUrl: './audit-trail.html',
  styleUrl: './audit-trail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditTrail {
  private readonly store = inject(AuditStore);

  readonly filter = input<AuditFilter>({});

  protected readonly columns = ['at', 'actor', 'action', 'object', 'details'];
  protected readonly pageSizes = [25, 50, 100];
  protected readonly query = this.store.query;
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly pageIndex = computed(() => Math.floor(this.query().offset / this.query().limit));
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly describeAction = describeAuditAction;
  protected readonly describeObject = describeAuditObject;
  protected readonly formatSnapshot = formatSnapshot;

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => this.store.setQuery({ ...filter, offset: 0, limit: this.query().limit }));
    });
  }

  protected changePage(page: PageEvent): void {
    this.store.updateQuery({ offset: page.pageIndex * page.pageSize, limit: page.pageSize });
  }

  protected retry(): void {
    this.store.load();
  }

  protected toggle(event: AuditEvent): void {
    this.expanded.update((expanded) => {
      const next = new Set(expanded);
      if (next.has(event.id)) next.delete(event.id);
      else next.add(event.id);
      return next;
    });
  }
}

import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';

import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { ClientSortKey } from '../clients-api';
import { ClientsStore } from '../clients-store';

const FILTER_DEBOUNCE_MS = 300;
const SORT_KEYS: readonly ClientSortKey[] = ['name', 'installation', 'partition', 'expiresAt'];

/** Start screen: every client the user may see, filtered, sorted and paged by the server. */
@Component({
  selector: 'app-client-list',
  imports: [
    DatePipe,
    EmptyState,
    ErrorState,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSortModule,
    MatTableModule,
    RouterLink,
    TypedCellDef,
  ],
  templateUrl: './client-list.html',
  styleUrl: './client-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientList {
  private readonly store = inject(ClientsStore);
  private readonly filterInput = new Subject<string>();

  protected readonly columns = ['name', 'installation', 'partition', 'expiresAt', 'role'];
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
    this.store.load();
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
}

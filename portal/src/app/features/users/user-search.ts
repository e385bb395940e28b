import { Injectable, inject, signal } from '@angular/core';
import { Subject, catchError, debounceTime, distinctUntilChanged, of, switchMap, tap } from 'rxjs';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';

import { ApiError, toApiError } from '../../core/http/api-error';
import { UserSummary } from './user';
import { UsersApi } from './users-api';

const SEARCH_DEBOUNCE_MS = 250;

/** Search-as-you-type for the user picker; only the answer to the latest text is kept. */
@Injectable()
export class UserSearch {
  private readonly api = inject(UsersApi);
  private readonly queries = new Subject<string>();

  private readonly resultsState = signal<readonly UserSummary[]>([]);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);

  readonly results = this.resultsState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    this.queries
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        tap(() => {
          this.loadingState.set(true);
          this.errorState.set(null);
        }),
        switchMap((q) =>
          this.api.search(q).pipe(
            catchError((error: unknown) => {
              this.errorState.set(toApiError(error));
              return of<readonly UserSummary[]>([]);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((users) => {
        this.resultsState.set(users);
        this.loadingState.set(false);
      });
  }

  search(text: string): void {
    this.queries.next(text.trim());
  }
}

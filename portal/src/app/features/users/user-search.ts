import { Injectable, inject, signal } from '@angular/core';
import { Observable, Subject, catchError, debounceTime, distinctUntilChanged, of, switchMap, tap } from 'rxjs';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';

import { ApiError, toApiError } from '../../core/http/api-error';
import { UserPage, UserSummary } from './user';
import { USER_SEARCH_MIN_LENGTH, UsersApi } from './users-api';

const SEARCH_DEBOUNCE_MS = 250;
const NO_USERS: UserPage = { items: [], nextCursor: null };

/**
 * Search-as-you-type for the user picker; only the answer to the latest text is kept.
 * Text shorter than the BFF's minimum is not sent: the picker asks for more instead.
 */
@Injectable()
export class UserSearch {
  private readonly api = inject(UsersApi);
  private readonly queries = new Subject<string>();

  private readonly resultsState = signal<readonly UserSummary[]>([]);
  private readonly moreState = signal(false);
  private readonly tooShortState = signal(true);
  private readonly loadingState = signal(false);
  private readonly errorState = signal<ApiError | null>(null);

  readonly results = this.resultsState.asReadonly();
  /** More users match than were shown: the text should be refined. */
  readonly more = this.moreState.asReadonly();
  /** The text is too short to search. */
  readonly tooShort = this.tooShortState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor() {
    this.queries
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        tap((q) => {
          this.tooShortState.set(q.length < USER_SEARCH_MIN_LENGTH);
          this.loadingState.set(q.length >= USER_SEARCH_MIN_LENGTH);
          this.errorState.set(null);
        }),
        switchMap((q) => (q.length < USER_SEARCH_MIN_LENGTH ? of(NO_USERS) : this.fetch(q))),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.resultsState.set(page.items);
        this.moreState.set(page.nextCursor !== null);
        this.loadingState.set(false);
      });
  }

  search(text: string): void {
    this.queries.next(text.trim());
  }

  private fetch(q: string): Observable<UserPage> {
    return this.api.search(q).pipe(
      catchError((error: unknown) => {
        this.errorState.set(toApiError(error));
        return of(NO_USERS);
      }),
    );
  }
}

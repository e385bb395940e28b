import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

import { ApiError } from '../../../core/http/api-error';
import { ErrorState } from '../error-state';
import { ProblemPage } from '../problem-page/problem-page';

/**
 * Why a detail page (a client, an installation) could not be loaded, in words for its reader:
 * - 404, and 400 for an address that cannot name one (a malformed id): not found, with the
 *   name as typed and no validator text;
 * - 403: no access, and whom to ask;
 * - anything else (server not reached, server failure): the message and Retry, which may help.
 */
@Component({
  selector: 'app-load-problem',
  imports: [ErrorState, ProblemPage],
  template: `
    @switch (kind()) {
      @case ('notFound') {
        <app-problem-page status="Not found (404)" [heading]="title() + ' not found'" [backLink]="backLink()" [backLabel]="backLabel()">
          There is no {{ subject() }} {{ describedName() }}. It may have been deleted or renamed, or the address may be mistyped.
        </app-problem-page>
      }
      @case ('forbidden') {
        <app-problem-page status="No access (403)" [heading]="'No access to this ' + subject()" [backLink]="backLink()" [backLabel]="backLabel()">
          Your account holds no role on {{ subject() }} {{ describedName() }}{{ subject() === 'client' ? ' or its installation' : '' }}.
          Ask one of its Owners to grant you access.
        </app-problem-page>
      }
      @default {
        <app-error-state [message]="error().message" (retry)="retry.emit()" />
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadProblem {
  readonly error = input.required<ApiError>();
  /** "client" or "installation". */
  readonly subject = input.required<string>();
  /** The name or id from the address. */
  readonly name = input('');
  /** Where the way back leads, e.g. the list of clients. */
  readonly backLink = input.required<string>();
  readonly backLabel = input.required<string>();
  readonly retry = output<void>();

  protected readonly kind = computed(() => {
    const status = this.error().status;
    if (status === 404 || status === 400) return 'notFound';
    return status === 403 ? 'forbidden' : 'other';
  });
  protected readonly title = computed(() => this.subject().charAt(0).toUpperCase() + this.subject().slice(1));
  protected readonly describedName = computed(() => (this.name() ? `“${this.name()}”` : 'at this address'));
}

import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';

import { ProblemPage } from '../../../shared/ui/problem-page/problem-page';

/** An address inside the portal that names no page: say so and lead back to the clients. */
@Component({
  selector: 'app-not-found-page',
  imports: [ProblemPage],
  template: `
    <app-problem-page status="Not found (404)" heading="Page not found" backLink="/clients" backLabel="Back to clients">
      The portal has no page at {{ path }}. The address may be mistyped or come from an old bookmark.
    </app-problem-page>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {
  protected readonly path = inject(Router).url.split(/[?#]/)[0];
}

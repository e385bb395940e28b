import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

/**
 * A page that cannot be shown (403, 404): what happened in a heading, why and what to do
 * in a sentence, and a way back. No Retry: asking again would get the same answer.
 */
@Component({
  selector: 'app-problem-page',
  imports: [MatButtonModule, MatIconModule, RouterLink],
  template: `
    <p class="status">{{ status() }}</p>
    <h1 class="heading">{{ heading() }}</h1>
    <p class="explanation"><ng-content /></p>
    <a mat-flat-button [routerLink]="backLink()">
      <mat-icon svgIcon="arrow-back" />
      {{ backLabel() }}
    </a>
  `,
  styles: `
    :host {
      display: block;
      max-width: 40rem;
      padding: 48px 0;
    }
    .status {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    .heading {
      margin: 4px 0 12px;
    }
    .explanation {
      margin: 0 0 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProblemPage {
  /** "Not found (404)", "No access (403)". */
  readonly status = input.required<string>();
  readonly heading = input.required<string>();
  readonly backLink = input.required<string | readonly unknown[]>();
  readonly backLabel = input.required<string>();
}

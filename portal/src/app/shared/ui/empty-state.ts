import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** What a list shows when it has nothing yet: a heading and a sentence on how that changes. */
@Component({
  selector: 'app-empty-state',
  template: `
    <h2 class="heading">{{ heading() }}</h2>
    <p class="explanation"><ng-content /></p>
  `,
  styles: `
    :host {
      display: block;
      padding: 48px 16px;
      text-align: center;
    }
    .heading {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
    }
    .explanation {
      margin: 0 auto;
      max-width: 36rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly heading = input.required<string>();
}

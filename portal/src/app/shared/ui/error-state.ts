import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** A load that failed: the reason and a way to try again. */
@Component({
  selector: 'app-error-state',
  imports: [MatButtonModule],
  template: `
    <p class="message">{{ message() }}</p>
    <button mat-stroked-button type="button" (click)="retry.emit()">Retry</button>
  `,
  styles: `
    :host {
      display: block;
      padding: 48px 16px;
      text-align: center;
    }
    .message {
      margin: 0 auto 16px;
      max-width: 36rem;
      color: var(--mat-sys-error);
    }
  `,
  host: { role: 'alert' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorState {
  readonly message = input.required<string>();
  readonly retry = output<void>();
}

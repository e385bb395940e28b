import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';

import { LOG_LEVELS } from '../client';
import { LoggingForm, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../client-form';

/** A client's logging settings: image logging, level and retention. */
@Component({
  selector: 'app-logging-fields',
  imports: [MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, ReactiveFormsModule],
  template: `
    <fieldset class="logging" [formGroup]="group()">
      <legend>Logging</legend>
      <mat-slide-toggle formControlName="logImages">Log images</mat-slide-toggle>
      <div class="row">
        <mat-form-field>
          <mat-label>Log level</mat-label>
          <mat-select formControlName="level">
            @for (level of levels; track level) {
              <mat-option [value]="level">{{ level }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Keep logs for (days)</mat-label>
          <input matInput type="number" formControlName="retentionDays" [min]="minDays" [max]="maxDays" step="1" />
          @if (group().controls.retentionDays.hasError('required')) {
            <mat-error>Enter the number of days</mat-error>
          } @else if (group().controls.retentionDays.invalid) {
            <mat-error>A whole number from {{ minDays }} to {{ maxDays }}</mat-error>
          }
        </mat-form-field>
      </div>
    </fieldset>
  `,
  styles: `
    .logging {
      margin: 8px 0 0;
      padding: 8px 16px 0;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
    }
    legend {
      padding: 0 4px;
      font: var(--mat-sys-title-small);
    }
    mat-slide-toggle {
      display: block;
      margin: 8px 0 16px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoggingFields {
  readonly group = input.required<LoggingForm>();

  protected readonly levels = LOG_LEVELS;
  protected readonly minDays = MIN_RETENTION_DAYS;
  protected readonly maxDays = MAX_RETENTION_DAYS;
}

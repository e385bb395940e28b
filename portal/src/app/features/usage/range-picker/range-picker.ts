import { ChangeDetectionStrategy, Component, computed, model } from '@angular/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

import { provideIsoDateAdapter } from '../../../shared/time/iso-date-adapter';
import {
  DEFAULT_RANGE_SELECTION,
  RANGE_PRESETS,
  RangePreset,
  RangeSelection,
  customRangeProblem,
  rangeDays,
  resolveRange,
} from '../usage-range';

/**
 * Picks the time range of a dashboard or log: a preset or two UTC days, typed or picked as
 * YYYY-MM-DD whatever the browser's language. Switching to
 * "Custom" starts from the days of the range shown, so nothing jumps.
 */
@Component({
  selector: 'app-range-picker',
  imports: [MatDatepickerModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  providers: [provideIsoDateAdapter()],
  template: `
    <mat-form-field class="preset" subscriptSizing="dynamic">
      <mat-label>Time range</mat-label>
      <mat-select [value]="selection().preset" (valueChange)="choosePreset($event)">
        @for (preset of presets; track preset.value) {
          <mat-option [value]="preset.value">{{ preset.label }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    @if (selection().preset === 'custom') {
      <mat-form-field class="day" subscriptSizing="dynamic">
        <mat-label>From</mat-label>
        <input
          class="day-input"
          matInput
          [matDatepicker]="fromPicker"
          [value]="toDate(selection().customFrom)"
          (dateChange)="setDay('customFrom', $event.value)"
        />
        <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
        <mat-datepicker #fromPicker />
        <mat-hint>YYYY-MM-DD, a UTC day</mat-hint>
      </mat-form-field>
      <mat-form-field class="day" subscriptSizing="dynamic">
        <mat-label>To</mat-label>
        <input
          class="day-input"
          matInput
          [matDatepicker]="toPicker"
          [value]="toDate(selection().customTo)"
          (dateChange)="setDay('customTo', $event.value)"
        />
        <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
        <mat-datepicker #toPicker />
        <mat-hint>YYYY-MM-DD, included</mat-hint>
      </mat-form-field>
      @if (problem(); as problem) {
        <p class="problem" role="alert">{{ problem }}</p>
      }
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: flex-start;
    }
    .preset {
      width: 12rem;
    }
    .day {
      width: 12rem;
    }
    .problem {
      align-self: center;
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RangePicker {
  readonly selection = model<RangeSelection>(DEFAULT_RANGE_SELECTION);

  protected readonly presets = RANGE_PRESETS;
  protected readonly problem = computed(() => {
    const { preset, customFrom, customTo } = this.selection();
    return preset === 'custom' ? customRangeProblem(customFrom, customTo) : null;
  });

  protected choosePreset(preset: RangePreset): void {
    const current = this.selection();
    const shown = preset === 'custom' && !current.customFrom && !current.customTo ? resolveRange(current) : null;
    this.selection.set({ ...current, ...(shown ? rangeDays(shown) : {}), preset });
  }

  /** A `yyyy-mm-dd` day as the calendar's local date; null for an empty or broken one. */
  protected toDate(day: string): Date | null {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
  }

  protected setDay(which: 'customFrom' | 'customTo', date: Date | null): void {
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = date && !Number.isNaN(date.getTime()) ? `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` : '';
    this.selection.set({ ...this.selection(), preset: 'custom', [which]: day });
  }
}

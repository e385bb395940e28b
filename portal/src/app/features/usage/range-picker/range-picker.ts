import { ChangeDetectionStrategy, Component, computed, model } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

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
 * Picks the time range of a dashboard or log: a preset or two UTC days. Switching to
 * "Custom" starts from the days of the range shown, so nothing jumps.
 */
@Component({
  selector: 'app-range-picker',
  imports: [MatFormFieldModule, MatInputModule, MatSelectModule],
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
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>From</mat-label>
        <input #from matInput type="date" [value]="selection().customFrom" (change)="setDays(from.value, to.value)" />
        <mat-hint>UTC day</mat-hint>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>To</mat-label>
        <input #to matInput type="date" [value]="selection().customTo" (change)="setDays(from.value, to.value)" />
        <mat-hint>Included</mat-hint>
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

  protected setDays(customFrom: string, customTo: string): void {
    this.selection.set({ preset: 'custom', customFrom, customTo });
  }
}

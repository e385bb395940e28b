import { ComponentFixture, TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { DEFAULT_RANGE_SELECTION } from '../usage-range';
import { RangePicker } from './range-picker';

describe('RangePicker', () => {
  let fixture: ComponentFixture<RangePicker>;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T14:25:31.000Z'));
    TestBed.configureTestingModule({ imports: [RangePicker] });
    fixture = TestBed.createComponent(RangePicker);
    await fixture.whenStable();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  async function choose(label: string): Promise<void> {
    (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('.mat-mdc-select-trigger')?.click();
    await fixture.whenStable();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((option) => option.textContent?.trim() === label)
      ?.click();
    await fixture.whenStable();
  }

  function dayInputs(): HTMLInputElement[] {
    return Array.from((fixture.nativeElement as HTMLElement).querySelectorAll<HTMLInputElement>('input.day-input'));
  }

  it('offers the presets, starts at the last 7 days and shows no day inputs for them', async () => {
    (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('.mat-mdc-select-trigger')?.click();
    await fixture.whenStable();

    expect(Array.from(document.querySelectorAll('mat-option'), (option) => option.textContent?.trim())).toEqual([
      'Last 24 hours',
      'Last 7 days',
      'Last 30 days',
      'Last 90 days',
      'Custom',
    ]);
    expect(fixture.componentInstance.selection()).toEqual(DEFAULT_RANGE_SELECTION);
    expect(dayInputs()).toHaveLength(0);
  });

  it('picks a preset', async () => {
    await choose('Last 24 hours');

    expect(fixture.componentInstance.selection().preset).toBe('24h');
  });

  it('starts a custom range from the days shown before', async () => {
    await choose('Custom');

    expect(fixture.componentInstance.selection()).toEqual({
      preset: 'custom',
      customFrom: '2026-03-04',
      customTo: '2026-03-10',
    });
    expect(dayInputs().map((input) => input.value)).toEqual(['2026-03-04', '2026-03-10']);
  });

  it('takes changed days and says what is wrong with a reversed range', async () => {
    await choose('Custom');
    const [from] = dayInputs();

    from!.value = '2026-03-12';
    from!.dispatchEvent(new Event('input'));
    from!.dispatchEvent(new Event('change'));
    await fixture.whenStable();

    expect(fixture.componentInstance.selection().customFrom).toBe('2026-03-12');
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent?.trim()).toBe('The last day must not be before the first.');
  });
});

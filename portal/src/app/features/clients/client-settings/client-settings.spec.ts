import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { CLIENT_DETAIL } from '../../../testing/api-samples';
import { parseClient } from '../client';
import { ClientStore } from '../client-store';
import { ClientSettings } from './client-settings';

const URL = '/api/clients/demo-client';

describe('ClientSettings', () => {
  let fixture: ComponentFixture<ClientSettings>;
  let backend: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ClientSettings],
      providers: [ClientStore, provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(ClientStore).load('demo-client');
    backend.expectOne(URL).flush(CLIENT_DETAIL);
    fixture = TestBed.createComponent(ClientSettings);
    fixture.componentRef.setInput('client', parseClient(CLIENT_DETAIL));
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  });

  function saveButton(): HTMLButtonElement | undefined {
    return Array.from(page.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Save');
  }

  it('shows the current settings with Save disabled until something changes', () => {
    expect(page.querySelector<HTMLInputElement>('input[formControlName="expiresAt"]')?.value).toBe('2027-11-29');
    expect(page.querySelector<HTMLInputElement>('input[formControlName="retentionDays"]')?.value).toBe('30');
    expect(saveButton()?.disabled).toBe(true);
  });

  it('sends only the changed logging settings and reports the saved client', async () => {
    const saved = vi.fn();
    fixture.componentInstance.saved.subscribe(saved);
    const retention = page.querySelector<HTMLInputElement>('input[formControlName="retentionDays"]');
    if (!retention) throw new Error('no retention field');
    retention.value = '90';
    retention.dispatchEvent(new Event('input'));
    await fixture.whenStable();

    saveButton()?.click();

    const patch = backend.expectOne(URL);
    expect(patch.request.body).toEqual({ logging: { logImages: false, level: 'info', retentionDays: 90 } });
    patch.flush({ ...CLIENT_DETAIL, version: 4, logging: { ...CLIENT_DETAIL.logging, retentionDays: 90 } });

    await vi.waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
    expect(saved.mock.calls[0]?.[0]).toMatchObject({ version: 4, logging: { retentionDays: 90 } });
  });

  it('refuses a retention outside 1 to 3650 days without asking the BFF', async () => {
    const retention = page.querySelector<HTMLInputElement>('input[formControlName="retentionDays"]');
    if (!retention) throw new Error('no retention field');
    retention.value = '4000';
    retention.dispatchEvent(new Event('input'));
    retention.dispatchEvent(new Event('blur'));
    await fixture.whenStable();

    saveButton()?.click();
    await fixture.whenStable();

    expect(page.querySelector('mat-error')?.textContent).toContain('A whole number from 1 to 3650');
    backend.expectNone(URL);
  });

  it('disables the form and hides Save without updateClient', async () => {
    fixture.componentRef.setInput('client', parseClient({ ...CLIENT_DETAIL, allowed: ['readInfo'] }));
    await fixture.whenStable();

    expect(saveButton()).toBeUndefined();
    await vi.waitFor(() =>
      expect(page.querySelector<HTMLInputElement>('input[formControlName="retentionDays"]')?.disabled).toBe(true),
    );
  });
});

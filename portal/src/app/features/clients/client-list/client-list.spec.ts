import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it } from 'vitest';

import { ClientsStore } from '../clients-store';
import { ClientList } from './client-list';

const ACTIVE_CLIENT = {
  id: '6f1c2a8e-0000-4000-8000-000000000001',
  name: 'demo-client',
  installation: { id: '6f1c2a8e-0000-4000-8000-0000000000aa', name: 'demo' },
  storage: 'bws',
  partition: 1,
  expiresAt: '2027-11-29T00:00:00.000Z',
  expired: false,
  identification: false,
  role: 'Owner',
};
const EXPIRED_CLIENT = {
  ...ACTIVE_CLIENT,
  id: '6f1c2a8e-0000-4000-8000-000000000002',
  name: 'second-client',
  partition: 2,
  expiresAt: '2024-01-31T00:00:00.000Z',
  expired: true,
  role: 'View',
};

describe('ClientList', () => {
  let fixture: ComponentFixture<ClientList>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ClientList],
      providers: [ClientsStore, provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ClientList);
  });

  async function answerWith(body: object): Promise<HTMLElement> {
    backend.expectOne((request) => request.url === '/api/clients').flush(body);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function bodyRows(page: HTMLElement): string[][] {
    return Array.from(page.querySelectorAll('tbody tr[role="row"]'), (row) =>
      Array.from(row.querySelectorAll('[role="cell"]'), (cell) => cell.textContent?.trim() ?? ''),
    );
  }

  it('has the page heading "Clients"', async () => {
    const page = await answerWith({ items: [ACTIVE_CLIENT], total: 1 });

    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Clients');
  });

  it('renders one table row per client with name, installation, partition, expiry and role', async () => {
    const page = await answerWith({ items: [ACTIVE_CLIENT, EXPIRED_CLIENT], total: 2 });

    const headers = Array.from(page.querySelectorAll('th[role="columnheader"]'), (th) => th.textContent?.trim());
    expect(headers).toEqual(['Name', 'Installation', 'Partition', 'Expiry', 'Your role']);
    const rows = bodyRows(page);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(['demo-client', 'demo', '1 (bws)', 'Nov 29, 2027', 'Owner']);
  });

  it('links each client name to its detail page', async () => {
    const page = await answerWith({ items: [ACTIVE_CLIENT], total: 1 });

    const link = page.querySelector<HTMLAnchorElement>('tbody a');
    expect(link?.textContent?.trim()).toBe('demo-client');
    expect(link?.getAttribute('href')).toBe('/clients/demo-client');
  });

  it('marks expired clients with an "Expired" chip', async () => {
    const page = await answerWith({ items: [ACTIVE_CLIENT, EXPIRED_CLIENT], total: 2 });

    const rows = Array.from(page.querySelectorAll('tbody tr'));
    expect(rows[0]?.querySelector('mat-chip')).toBeNull();
    expect(rows[1]?.querySelector('mat-chip')?.textContent?.trim()).toBe('Expired');
  });

  it('shows the empty state, saying who creates clients, when there are none', async () => {
    const page = await answerWith({ items: [], total: 0 });

    expect(page.querySelector('table')).toBeNull();
    const empty = page.querySelector('app-empty-state')?.textContent ?? '';
    expect(empty).toContain('No clients yet');
    expect(empty).toContain('installation administrators');
  });

  it('shows the API message and a Retry button that loads again when loading fails', async () => {
    backend
      .expectOne((request) => request.url === '/api/clients')
      .flush({ Message: 'The database is being migrated.' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;

    expect(page.querySelector('[role="alert"]')?.textContent).toContain('The database is being migrated.');
    const retry = Array.from(page.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Retry');
    retry?.click();

    const rowsAfterRetry = bodyRows(await answerWith({ items: [ACTIVE_CLIENT], total: 1 }));
    expect(rowsAfterRetry).toHaveLength(1);
  });

  it('shows a progress bar while the page loads', async () => {
    await fixture.whenStable();

    expect((fixture.nativeElement as HTMLElement).querySelector('mat-progress-bar')).not.toBeNull();
    await answerWith({ items: [], total: 0 });
    expect((fixture.nativeElement as HTMLElement).querySelector('mat-progress-bar')).toBeNull();
  });
});

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { InstallationsStore } from '../installations-store';
import { InstallationList } from './installation-list';

describe('InstallationList', () => {
  let fixture: ComponentFixture<InstallationList>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [InstallationList],
      providers: [InstallationsStore, provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(InstallationList);
  });

  async function answerWith(body: object): Promise<HTMLElement> {
    backend.expectOne('/api/installations').flush(body);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists installations with endpoints, storages, client count and role', async () => {
    const page = await answerWith({
      items: [
        {
          id: '6f1c2a8e-0000-4000-8000-0000000000aa',
          name: 'demo',
          endpointUrls: ['https://bws.example.com'],
          storages: ['bws', 'archive'],
          clientCount: 2,
          role: 'Owner',
        },
      ],
      total: 1,
    });

    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Installations');
    const cells = Array.from(page.querySelectorAll('tbody [role="cell"]'), (cell) => cell.textContent?.trim());
    expect(cells).toEqual(['demo', 'https://bws.example.com', 'bws, archive', '2', 'Owner']);
  });

  it('shows the empty state, saying who creates installations, when there are none', async () => {
    const page = await answerWith({ items: [], total: 0 });

    const empty = page.querySelector('app-empty-state')?.textContent ?? '';
    expect(empty).toContain('No installations yet');
    expect(empty).toContain('platform administrators');
  });
});

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { CLIENT_DETAIL, INSTALLATION_ID, INSTALLATION_VIEW } from '../../../testing/api-samples';
import { GlobalSearch } from './global-search';

describe('GlobalSearch', () => {
  let fixture: ComponentFixture<GlobalSearch>;
  let backend: HttpTestingController;
  let input: HTMLInputElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [GlobalSearch],
      providers: [provideRouter([]), provideAppIcons(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GlobalSearch);
    document.body.appendChild(fixture.nativeElement as HTMLElement);
    await fixture.whenStable();
    input = (fixture.nativeElement as HTMLElement).querySelector('input') as HTMLInputElement;
  });

  afterEach(() => (fixture.nativeElement as HTMLElement).remove());

  it('takes the focus on "/" and on Ctrl+K, but not while the user types elsewhere', () => {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    expect(document.activeElement).toBe(input);

    input.blur();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }));
    expect(document.activeElement).toBe(input);

    input.blur();
    const other = document.createElement('input');
    document.body.appendChild(other);
    other.focus();
    other.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    expect(document.activeElement).toBe(other);
    other.remove();
  });

  it('finds clients by name through the BFF and installations by name, and opens the one chosen', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    input.focus();
    input.value = 'dem';
    input.dispatchEvent(new Event('input'));

    const clients = await vi.waitFor(() => backend.expectOne((request) => request.url === '/api/clients'));
    expect(clients.request.params.get('q')).toBe('dem');
    clients.flush({ items: [CLIENT_DETAIL], total: 1 });
    backend.expectOne('/api/installations').flush({
      items: [INSTALLATION_VIEW, { ...INSTALLATION_VIEW, id: 'other', name: 'lab' }],
      total: 2,
    });
    await fixture.whenStable();

    const options = await vi.waitFor(() => {
      const found = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
      if (found.length === 0) throw new Error('no options yet');
      return found;
    });
    const texts = options.map((option) =>
      Array.from(option.querySelectorAll('.hit-label, .hit-detail'), (part) => part.textContent?.trim()).join(' '),
    );
    expect(texts).toEqual([
      `${CLIENT_DETAIL.name} Client in ${CLIENT_DETAIL.installation.name}`,
      'demo Installation',
    ]);
    options[1]?.click();
    expect(navigate).toHaveBeenCalledWith(['/installations', INSTALLATION_ID]);
  });
});

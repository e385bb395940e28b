import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { EDITOR_ID } from '../../../testing/api-samples';
import { UserPicker, UserPickerValue } from './user-picker';

/** A user as a client Owner gets them from the directory: no e-mail address. */
const EDDIE = { id: EDITOR_ID, username: 'editor', displayName: 'Eddie Editor' };

describe('UserPicker', () => {
  let fixture: ComponentFixture<UserPicker>;
  let backend: HttpTestingController;
  let input: HTMLInputElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [UserPicker], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UserPicker);
    fixture.componentRef.setInput('control', new FormControl<UserPickerValue>(null));
    fixture.componentRef.setInput('label', 'New owner');
    await fixture.whenStable();
    const found = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>('input');
    if (!found) throw new Error('no input');
    input = found;
    input.focus();
  });

  function type(text: string): void {
    input.value = text;
    input.dispatchEvent(new Event('input'));
  }

  /** The search the picker sends once its debounce has passed. */
  function search(): Promise<TestRequest> {
    return vi.waitFor(() => {
      const found = backend.match((request) => request.url === '/api/users');
      if (found.length !== 1) throw new Error(`${found.length} searches`);
      return found[0]!;
    });
  }

  function hint(): string {
    return (fixture.nativeElement as HTMLElement).querySelector('mat-hint')?.textContent?.trim() ?? '';
  }

  function options(): string[] {
    return Array.from(document.querySelectorAll('mat-option'), (option) => option.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  }

  it('asks for 2 characters before searching', () => {
    expect(hint()).toBe('Type at least 2 characters of a username or name');
  });

  it('searches from 2 characters and shows display name and username', async () => {
    type('ed');

    const request = await search();
    expect(request.request.params.get('q')).toBe('ed');
    request.flush({ items: [EDDIE], nextCursor: null });

    await vi.waitFor(() => expect(options()).toEqual(['Eddie Editor editor']));
    expect(hint()).toBe('Search by username or name');
  });

  it('says to refine the search when more users match than one page holds', async () => {
    type('ed');

    (await search()).flush({ items: [EDDIE], nextCursor: 'ZWRpdG9y' });

    await vi.waitFor(() => expect(options()).toEqual(['Eddie Editor editor', 'More users match: refine your search']));
    expect(Array.from(document.querySelectorAll('mat-option')).at(-1)?.getAttribute('aria-disabled')).toBe('true');
  });

  it('sends no search for 1 character: it clears the suggestions and asks for more', async () => {
    type('ed');
    (await search()).flush({ items: [EDDIE], nextCursor: null });
    await vi.waitFor(() => expect(options()).toHaveLength(1));

    type('e');

    await vi.waitFor(() => expect(options()).toEqual([]));
    backend.expectNone((request) => request.url === '/api/users');
    expect(hint()).toBe('Type at least 2 characters of a username or name');
  });
});

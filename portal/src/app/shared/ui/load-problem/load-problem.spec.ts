import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from '../../../core/http/api-error';
import { provideAppIcons } from '../../../core/layout/app-icons';
import { LoadProblem } from './load-problem';

describe('LoadProblem', () => {
  let fixture: ComponentFixture<LoadProblem>;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [LoadProblem], providers: [provideRouter([]), provideAppIcons()] });
    fixture = TestBed.createComponent(LoadProblem);
    fixture.componentRef.setInput('subject', 'client');
    fixture.componentRef.setInput('name', 'nope');
    fixture.componentRef.setInput('backLink', '/clients');
    fixture.componentRef.setInput('backLabel', 'Back to clients');
  });

  async function render(error: ApiError): Promise<HTMLElement> {
    fixture.componentRef.setInput('error', error);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (page: HTMLElement) => page.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const buttons = (page: HTMLElement) => Array.from(page.querySelectorAll('button'), (button) => button.textContent?.trim());

  it('says a client was not found, links back and offers no Retry', async () => {
    const page = await render(new ApiError(404, "There is no client named 'nope'.", 'NotFound'));

    expect(page.querySelector('h1')?.textContent).toBe('Client not found');
    expect(text(page)).toContain('There is no client “nope”.');
    expect(page.querySelector('a')?.getAttribute('href')).toBe('/clients');
    expect(buttons(page)).not.toContain('Retry');
  });

  it('treats a malformed id as not found, without the validator text', async () => {
    fixture.componentRef.setInput('subject', 'installation');
    fixture.componentRef.setInput('name', 'abc');
    const page = await render(new ApiError(400, 'id: must be an installation id', 'BadRequest'));

    expect(page.querySelector('h1')?.textContent).toBe('Installation not found');
    expect(text(page)).not.toContain('must be an installation id');
  });

  it('says the user has no access and whom to ask', async () => {
    const page = await render(new ApiError(403, 'You may not read this client.', 'Forbidden'));

    expect(page.querySelector('h1')?.textContent).toBe('No access to this client');
    expect(text(page)).toContain('Ask one of its Owners to grant you access.');
    expect(buttons(page)).not.toContain('Retry');
  });

  it('offers Retry when the server was not reached', async () => {
    const retry = vi.fn();
    fixture.componentInstance.retry.subscribe(retry);
    const page = await render(new ApiError(0, 'The server could not be reached.'));

    expect(text(page)).toContain('The server could not be reached.');
    page.querySelector('button')?.click();
    expect(retry).toHaveBeenCalledTimes(1);
  });
});

import { provideRouter } from '@angular/router';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { provideAppIcons } from '../../../core/layout/app-icons';
import { CERTIFICATE_VIEW, CLASS_VIEW } from '../../../testing/api-samples';
import { ClientClasses } from './client-classes';

const CLIENT_URL = '/api/clients/demo-client';
const CLASSES_URL = `${CLIENT_URL}/classes`;
const COUNT_URL = `${CLIENT_URL}/Face/classcount`;
const CERTIFICATES_URL = `${CLIENT_URL}/certificates`;
const VOICE_ONLY = { ...CLASS_VIEW, bcid: 'bws.1.43', classId: 43, traits: [{ trait: 'Voice', templates: 1 }] };
const DELETED_MESSAGE = "demo-client's class 42 is deleted here and queued for deletion on the installation.";
const ACCEPTED = { status: 202, statusText: 'Accepted' };

/** Voice-only classes 1, 2, … `count`. */
function numberedClasses(count: number): object[] {
  return Array.from({ length: count }, (_, index) => ({
    ...VOICE_ONLY,
    classId: index + 1,
    bcid: `bws.1.${index + 1}`,
  }));
}

interface Answers {
  readonly classes?: readonly object[];
  readonly faceCount?: number;
  readonly certificates?: readonly object[];
}

describe('ClientClasses', () => {
  let fixture: ComponentFixture<ClientClasses>;
  let backend: HttpTestingController;
  let page: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ClientClasses],
      providers: [provideAppIcons(), provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ClientClasses);
    page = fixture.nativeElement as HTMLElement;
  });

  async function open(
    { canCount = true, canDelete = true } = {},
    { classes = [CLASS_VIEW, VOICE_ONLY], faceCount = 1, certificates = [CERTIFICATE_VIEW] }: Answers = {},
  ): Promise<void> {
    fixture.componentRef.setInput('clientName', 'demo-client');
    fixture.componentRef.setInput('canCount', canCount);
    fixture.componentRef.setInput('canDelete', canDelete);
    await fixture.whenStable();
    backend.expectOne((candidate) => candidate.url === CLASSES_URL).flush(classes);
    if (canCount) backend.expectOne(COUNT_URL).flush(faceCount);
    if (canDelete) backend.expectOne(CERTIFICATES_URL).flush({ items: certificates });
    await fixture.whenStable();
  }

  function rows(): string[][] {
    return Array.from(page.querySelectorAll('tbody tr'), (row) =>
      Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim() ?? ''),
    );
  }

  function deleteTrigger(bcid: string): HTMLButtonElement {
    const trigger = page.querySelector<HTMLButtonElement>(`button[aria-label="Delete from class ${bcid}"]`);
    if (!trigger) throw new Error(`no delete button for ${bcid}`);
    return trigger;
  }

  function buttonIn(root: ParentNode, label: string): HTMLButtonElement {
    const found = Array.from(root.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  }

  async function menuItems(bcid: string): Promise<HTMLButtonElement[]> {
    deleteTrigger(bcid).click();
    await fixture.whenStable();
    return vi.waitFor(() => {
      const items = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="menuitem"]'));
      if (items.length === 0) throw new Error('no menu yet');
      return items;
    });
  }

  async function dialog(): Promise<HTMLElement> {
    return vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('mat-dialog-container');
      if (!found?.querySelector('h2')?.textContent?.trim()) throw new Error('no dialog yet');
      return found;
    });
  }

  it('lists the classes with their BCID, templates and dates, and the Face class count above them', async () => {
    await open();

    expect(rows().map((cells) => cells.slice(0, 2))).toEqual([
      ['bws.1.42', 'Face ×3, Periocular ×2'],
      ['bws.1.43', 'Voice ×1'],
    ]);
    expect(rows()[0]?.[2]).toContain('2026');
    expect(page.querySelector('table')?.getAttribute('aria-label')).toBe('Enrolled classes');
    expect(page.querySelector('.face-count')?.textContent?.trim()).toBe('1 class with Face templates');
    expect(page.textContent).not.toContain('Showing the first');
  });

  it('shows 50 classes a page and filters by class ID from the first page', async () => {
    await open({}, { classes: numberedClasses(120), faceCount: 1234 });

    expect(page.querySelector('.face-count')?.textContent?.trim()).toBe('1,234 classes with Face templates');
    expect(rows()).toHaveLength(50);
    expect(page.querySelector('.mat-mdc-paginator-range-label')?.textContent?.trim()).toBe('1 – 50 of 120');

    page.querySelector<HTMLButtonElement>('button.mat-mdc-paginator-navigation-next')?.click();
    await fixture.whenStable();
    expect(rows()[0]?.[0]).toBe('bws.1.51');

    const filter = page.querySelector<HTMLInputElement>('input[type="search"]');
    if (!filter) throw new Error('no filter');
    filter.value = '11';
    filter.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    const matching = ['bws.1.11', ...Array.from({ length: 10 }, (_, index) => `bws.1.${110 + index}`)];
    expect(rows().map((cells) => cells[0])).toEqual(matching);

    filter.value = '999';
    filter.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(rows()).toHaveLength(0);
    expect(page.textContent).toContain('No class ID contains “999”.');
  });

  it('says only the first 1,000 classes are shown when 1,000 came back', async () => {
    await open({}, { classes: numberedClasses(1000) });

    expect(page.textContent).toContain('Showing the first 1,000 classes');
  });

  it('says when no classes are enrolled', async () => {
    await open({}, { classes: [], faceCount: 0 });

    expect(page.textContent).toContain('No classes enrolled yet');
    expect(page.querySelector('table')).toBeNull();
    expect(page.querySelector('.face-count')?.textContent?.trim()).toBe('0 classes with Face templates');
  });

  it('shows why the classes could not be loaded and loads them again on Retry', async () => {
    fixture.componentRef.setInput('clientName', 'demo-client');
    fixture.componentRef.setInput('canCount', false);
    fixture.componentRef.setInput('canDelete', false);
    await fixture.whenStable();
    backend
      .expectOne((candidate) => candidate.url === CLASSES_URL)
      .flush({ Message: 'You do not have permission to do this.' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();

    expect(page.querySelector('[role="alert"]')?.textContent).toContain('You do not have permission to do this.');
    buttonIn(page, 'Retry').click();
    backend.expectOne((candidate) => candidate.url === CLASSES_URL).flush([CLASS_VIEW]);
    await fixture.whenStable();

    expect(page.querySelector('[role="alert"]')).toBeNull();
    expect(rows()).toHaveLength(1);
  });

  it('disables deleting with the reason in view when no certificate is attached', async () => {
    await open({}, { certificates: [] });

    const trigger = deleteTrigger('bws.1.42');
    expect(trigger.getAttribute('aria-disabled')).toBe('true');
    const reason = page.querySelector('#classes-delete-blocked');
    expect(reason?.textContent).toContain('Deleting needs a certificate attached to this client');
    expect(trigger.getAttribute('aria-describedby')).toContain('classes-delete-blocked');
    expect(reason?.querySelector('a')?.getAttribute('href')).toContain('tab=certificates');

    trigger.click();
    await fixture.whenStable();
    expect(document.querySelector('[role="menuitem"]')).toBeNull();
  });

  it('offers no delete actions and asks for no certificates without deleteClasses', async () => {
    await open({ canDelete: false });

    expect(page.querySelectorAll('tbody button')).toHaveLength(0);
    expect(page.textContent).not.toContain('Deleting needs a certificate');
    backend.expectNone(CERTIFICATES_URL);
  });

  it('offers deleting the class or each trait’s templates', async () => {
    await open();

    const items = await menuItems('bws.1.42');

    expect(items.map((item) => item.textContent?.trim())).toEqual([
      'Delete class',
      'Delete Face templates',
      'Delete Periocular templates',
    ]);
  });

  it('deletes a class once confirmed, shows the BFF’s message and drops the row', async () => {
    await open();
    const changed = vi.fn();
    fixture.componentInstance.changed.subscribe(changed);

    const items = await menuItems('bws.1.42');
    items[0]?.click();
    const confirm = await dialog();
    expect(confirm.textContent).toContain('Class bws.1.42 and all its templates (Face ×3, Periocular ×2)');
    expect(confirm.textContent).toContain('queued for deletion on the installation');

    buttonIn(confirm, 'Delete class').click();
    const request = backend.expectOne(`${CLASSES_URL}/42`);
    expect(request.request.method).toBe('DELETE');
    request.flush({ Message: DELETED_MESSAGE }, ACCEPTED);

    await vi.waitFor(() => expect(document.body.textContent).toContain(DELETED_MESSAGE));
    await fixture.whenStable();
    expect(rows().map((cells) => cells[0])).toEqual(['bws.1.43']);
    expect(page.querySelector('.face-count')?.textContent?.trim()).toBe('0 classes with Face templates');
    expect(changed).toHaveBeenCalledTimes(1);
    backend.expectNone((candidate) => candidate.url === CLASSES_URL);
  });

  it('deletes one trait’s templates and keeps the rest of the class', async () => {
    await open();

    const items = await menuItems('bws.1.42');
    items[2]?.click();
    const confirm = await dialog();
    expect(confirm.querySelector('h2')?.textContent?.trim()).toBe('Delete Periocular templates?');
    expect(confirm.textContent).toContain('The 2 Periocular templates of class bws.1.42');
    expect(confirm.textContent).not.toContain('so it is deleted too');

    buttonIn(confirm, 'Delete Periocular templates').click();
    backend.expectOne(`${CLASSES_URL}/42/Periocular`).flush({ Message: 'Periocular queued' }, ACCEPTED);

    await vi.waitFor(() => expect(document.body.textContent).toContain('Periocular queued'));
    await fixture.whenStable();
    expect(rows()[0]?.slice(0, 2)).toEqual(['bws.1.42', 'Face ×3']);
  });

  it('shows the BFF’s refusal in the dialog and then the reason beside the table', async () => {
    await open();
    const message = "Deleting classes needs a certificate attached to 'demo-client'. Attach one on the Certificates tab.";

    const items = await menuItems('bws.1.43');
    items[1]?.click();
    const confirm = await dialog();
    expect(confirm.textContent).toContain('The class has no other templates, so it is deleted too.');
    buttonIn(confirm, 'Delete Voice templates').click();
    backend
      .expectOne(`${CLASSES_URL}/43/Voice`)
      .flush({ Message: message, Code: 'Conflict' }, { status: 409, statusText: 'Conflict' });

    await vi.waitFor(() => expect(confirm.querySelector('[role="alert"]')?.textContent).toContain(message));
    backend.expectOne(CERTIFICATES_URL).flush({ items: [] });
    await fixture.whenStable();
    expect(page.querySelector('#classes-delete-blocked')?.textContent).toContain(
      'Deleting needs a certificate attached to this client',
    );
    expect(rows()).toHaveLength(2);
  });
});

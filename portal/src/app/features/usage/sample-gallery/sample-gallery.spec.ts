import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { SAMPLE_ENTRY } from '../../../testing/api-samples';
import { SampleGallery } from './sample-gallery';

const SAMPLES_URL = '/api/clients/demo-client/samples';
const IMAGE_URL = `${SAMPLES_URL}/${SAMPLE_ENTRY.id}/image`;

describe('SampleGallery', () => {
  let fixture: ComponentFixture<SampleGallery>;
  let backend: HttpTestingController;
  const createObjectURL = vi.fn((_blob: Blob) => 'blob:sample-1');
  const revokeObjectURL = vi.fn();

  beforeEach(() => {
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
    // jsdom has no object URLs.
    vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL, revokeObjectURL }));
    TestBed.configureTestingModule({
      imports: [SampleGallery],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SampleGallery);
    fixture.componentRef.setInput('clientName', 'demo-client');
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  async function open(logImages: boolean, page: object): Promise<HTMLElement> {
    fixture.componentRef.setInput('logImages', logImages);
    await fixture.whenStable();
    const request = backend.expectOne((candidate) => candidate.url === SAMPLES_URL);
    expect(request.request.params.get('take')).toBe('24');
    request.flush(page);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows each image through an object URL of its authenticated download, with time, operation and frame', async () => {
    const page = await open(true, { total: 1, skip: 0, take: 24, entries: [SAMPLE_ENTRY] });

    backend.expectOne(IMAGE_URL).flush(new Blob(['jpeg'], { type: 'image/jpeg' }));
    await fixture.whenStable();

    const image = page.querySelector('img');
    expect(image?.getAttribute('src')).toBe('blob:sample-1');
    expect(image?.getAttribute('alt')).toContain('Image 2 of verify');
    expect(page.querySelector('.caption')?.textContent).toContain('verify · frame 2');
    expect(createObjectURL.mock.calls[0]?.[0].type).toBe('image/jpeg');
  });

  it('revokes the object URLs when the gallery goes away', async () => {
    await open(true, { total: 1, skip: 0, take: 24, entries: [SAMPLE_ENTRY] });
    backend.expectOne(IMAGE_URL).flush(new Blob(['jpeg'], { type: 'image/jpeg' }));
    await fixture.whenStable();

    fixture.destroy();

    expect(revokeObjectURL).toHaveBeenCalledWith('blob:sample-1');
  });

  it('explains that images are logged only with the setting on, and that it is off', async () => {
    const page = await open(false, { total: 0, skip: 0, take: 24, entries: [] });

    expect(page.textContent).toContain('Images are logged only when the client’s “Log images” setting is on.');
    expect(page.textContent).toContain('It is off for this client.');
  });
});

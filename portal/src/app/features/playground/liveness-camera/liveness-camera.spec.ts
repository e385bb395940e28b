import { ComponentFixture, TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { FakeCamera, FakeFaceDetector, provideFakeCamera } from '../testing/fake-camera';
import { LivenessCamera } from './liveness-camera';

describe('LivenessCamera', () => {
  let camera: FakeCamera;
  let detector: FakeFaceDetector;
  let fixture: ComponentFixture<LivenessCamera>;
  let availability: boolean[];

  beforeEach(() => {
    // jsdom cannot play media; the component only needs play() to settle.
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    camera = new FakeCamera();
    detector = new FakeFaceDetector();
    TestBed.configureTestingModule({ imports: [LivenessCamera], providers: provideFakeCamera(camera, detector) });
  });

  afterEach(() => vi.restoreAllMocks());

  async function render(): Promise<HTMLElement> {
    fixture = TestBed.createComponent(LivenessCamera);
    availability = [];
    fixture.componentInstance.availability.subscribe((available) => availability.push(available));
    return settle();
  }

  /** Lets promise callbacks of the fakes run, then waits for the change detection they schedule. */
  async function settle(): Promise<HTMLElement> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (page: HTMLElement, selector: string) => page.querySelector(selector)?.textContent?.trim();

  it('explains a missing camera, hides the preview and closes the detector', async () => {
    camera.failWith(new DOMException('Requested device not found', 'NotFoundError'));

    const page = await render();

    expect(text(page, '[role="alert"] h2')).toBe('No camera found');
    expect(page.querySelector('video')).toBeNull();
    expect(detector.dispose).toHaveBeenCalled();
    expect(availability).toEqual([false]);
  });

  it('explains blocked camera access with what to do about it', async () => {
    camera.failWith(new DOMException('Permission denied', 'NotAllowedError'));

    const page = await render();

    expect(text(page, '[role="alert"] h2')).toBe('Camera access is blocked');
    expect(text(page, '[role="alert"] p')).toContain('Allow the camera for this site');
  });

  it('shows the preview while the model loads, without detecting yet', async () => {
    const page = await render();

    expect(camera.open).toHaveBeenCalledTimes(1);
    expect(page.querySelector('video')).not.toBeNull();
    expect(text(page, '.model')).toBe('Loading the face detection model…');
    expect(page.querySelector('mat-progress-bar[aria-label="Loading the face detection model"]')).not.toBeNull();
    expect(text(page, '[role="status"]')).toBe('Waiting for the camera and the model…');
    expect(page.querySelector('.stage')?.getAttribute('data-face-detected')).toBe('false');
    expect(availability).toEqual([]);
  });

  it('says when detection is ready, how long the model took and on how many threads', async () => {
    await render();

    detector.loaded({ loadMs: 812.4, numThreads: 2 });
    const page = await settle();

    expect(text(page, '.model')?.replace(/\s+/g, ' ')).toBe('Face detection ready: loaded in 812 ms, 2 threads');
    expect(text(page, '[role="status"]')).toBe('Looking for a face…');
    expect(availability).toEqual([true]);
  });

  it('reports a model that cannot be loaded', async () => {
    await render();

    detector.failed('HTTP 404');
    const page = await settle();

    expect(text(page, '.model[role="alert"]')).toContain('could not be loaded');
    expect(availability).toEqual([false]);
  });

  it("lists an attempt's challenges in order and waits for a face before starting", async () => {
    await render();

    fixture.componentRef.setInput('attempt', { id: 1, tryNumber: 1, challenges: ['left', 'up', 'right'] });
    const page = await settle();

    const steps = Array.from(page.querySelectorAll('.sequence li'), (step) => step.getAttribute('aria-label'));
    expect(steps).toEqual(['Left, to do', 'Up, to do', 'Right, to do']);
    expect(text(page, '.instruction')).toBe('Look into the camera to begin');
  });

  it('stops the camera and the detector when the page is left', async () => {
    await render();

    fixture.destroy();

    expect(camera.stopTrack).toHaveBeenCalled();
    expect(detector.dispose).toHaveBeenCalled();
  });
});

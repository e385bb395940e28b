import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { INSTALLATION_ID } from '../../../testing/api-samples';
import { LivenessCamera } from '../liveness-camera/liveness-camera';
import { PlaygroundStore } from '../playground-store';
import { FakeCamera, FakeFaceDetector, provideFakeCamera } from '../testing/fake-camera';
import { PlaygroundPage } from './playground-page';

const CLIENT = {
  id: '6f1c2a8e-0000-4000-8000-000000000001',
  name: 'demo-client',
  installation: { id: INSTALLATION_ID, name: 'demo' },
  storage: 'bws',
  partition: 1,
  expiresAt: '2027-11-29T00:00:00.000Z',
  expired: false,
  identification: false,
  role: 'Owner',
};
const TOKEN = {
  token: 'bws.token.one',
  challenges: [
    ['left', 'up', 'right'],
    ['down', 'left', 'up'],
    ['right', 'down', 'left'],
  ],
  maxTries: 3,
  expiresAt: '2099-01-01T00:10:00.000Z',
};

describe('PlaygroundPage', () => {
  let fixture: ComponentFixture<PlaygroundPage>;
  let backend: HttpTestingController;
  let detector: FakeFaceDetector;

  beforeEach(() => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    detector = new FakeFaceDetector();
    TestBed.configureTestingModule({
      imports: [PlaygroundPage],
      providers: [
        PlaygroundStore,
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        ...provideFakeCamera(new FakeCamera(), detector),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PlaygroundPage);
  });

  afterEach(() => {
    backend.verify();
    vi.restoreAllMocks();
  });

  async function render(clients: object[] = [CLIENT]): Promise<HTMLElement> {
    backend.expectOne((request) => request.url === '/api/clients').flush({ items: clients, total: clients.length });
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  /** Lets promise callbacks of the fakes run, then waits for the change detection they schedule. */
  async function settle(): Promise<HTMLElement> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function button(page: HTMLElement, label: string): HTMLButtonElement | undefined {
    return Array.from(page.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === label);
  }

  async function startAttempt(): Promise<HTMLElement> {
    const page = await render();
    detector.loaded();
    await settle();
    button(page, 'Start')?.click();
    backend.expectOne({ method: 'POST', url: '/api/clients/demo-client/playground/token' }).flush(TOKEN);
    return settle();
  }

  it('offers Start only once the camera and the face model are ready, saying why', async () => {
    const page = await render();

    expect(page.querySelector('h1')?.textContent).toBe('Playground');
    expect(button(page, 'Start')?.disabled).toBe(true);
    expect(page.querySelector('.hint')?.textContent).toContain('once the camera and the face detection model are ready');

    detector.loaded();
    await settle();
    expect(button(page, 'Start')?.disabled).toBe(false);
  });

  it('says there is nothing to try when the user may read no client', async () => {
    const page = await render([]);

    expect(page.querySelector('.hint')?.textContent).toContain('You may not read any client yet');
  });

  it("shows the try's challenges and the tries left once a token is given", async () => {
    const page = await startAttempt();

    expect(page.querySelector('.tries')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '3 of 3 tries left on this token · challenges of this try: Left, Up, Right',
    );
    expect(button(page, 'Start')).toBeUndefined();
    expect(button(page, 'Cancel')).toBeDefined();
    expect(page.querySelectorAll('app-liveness-camera .sequence li')).toHaveLength(3);
  });

  it("sends the attempt's frames and shows the service's verdict in words, with Try again", async () => {
    await startAttempt();
    const camera = fixture.debugElement.query(By.directive(LivenessCamera)).componentInstance as LivenessCamera;

    camera.attemptEnded.emit({
      attemptId: 1,
      frames: [{ t: 0, image: 'AAAA' }],
      local: { live: false, error: 'LiveDetectionFailed', perChallenge: [] },
      outcome: 'timedOut',
    });
    const request = backend.expectOne({ method: 'POST', url: '/extension/livenessdetection' });
    expect(request.request.body).toEqual({ frames: [{ t: 0, image: 'AAAA' }] });
    request.flush({ Success: false, ErrorString: 'LiveDetectionFailed', Tries: 1, MaxTries: 3 });
    const page = await settle();

    const verdict = page.querySelector('.verdict');
    expect(verdict?.querySelector('h2')?.textContent?.trim()).toBe('Not live');
    expect(verdict?.textContent).toContain('LiveDetectionFailed: The movement did not show a live, three-dimensional face.');
    expect(verdict?.textContent).toContain('Try 1 of 3 used.');
    expect(verdict?.querySelector('.local')?.textContent).toContain('In the browser: not live (LiveDetectionFailed)');
    expect(page.querySelector('.tries')?.textContent?.trim()).toBe('2 of 3 tries left on this token');
    expect(button(page, 'Try again')).toBeDefined();
  });

  it('offers a new token once all tries are used', async () => {
    await startAttempt();
    const camera = fixture.debugElement.query(By.directive(LivenessCamera)).componentInstance as LivenessCamera;

    camera.attemptEnded.emit({
      attemptId: 1,
      frames: [{ t: 0, image: 'AAAA' }],
      local: { live: true, perChallenge: [] },
      outcome: 'passed',
    });
    backend
      .expectOne({ method: 'POST', url: '/extension/livenessdetection' })
      .flush({ Success: true, ErrorString: null, Tries: 3, MaxTries: 3 });
    const page = await settle();

    expect(page.querySelector('.verdict h2')?.textContent?.trim()).toBe('Live');
    expect(button(page, 'Try again')).toBeUndefined();
    expect(button(page, 'Start with a new token')?.disabled).toBe(false);
  });
});

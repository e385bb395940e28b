import { Directive, effect, inject, input, signal } from '@angular/core';

import { LogApi } from './log-api';

/**
 * Shows a logged image in an `<img>`. The image URL needs the bearer token, which `src`
 * cannot send, so the bytes are fetched and shown through an object URL; the URL is
 * revoked when the image changes or the element goes away.
 */
@Directive({
  selector: 'img[appSampleImage]',
  host: { '[attr.src]': 'url()', '[class.failed]': 'failed()' },
})
export class SampleImage {
  private readonly api = inject(LogApi);

  readonly clientName = input.required<string>();
  /** The sample's id. */
  readonly appSampleImage = input.required<string>();

  protected readonly url = signal<string | null>(null);
  protected readonly failed = signal(false);

  constructor() {
    effect((onCleanup) => {
      const clientName = this.clientName();
      const sampleId = this.appSampleImage();
      let objectUrl: string | null = null;
      this.url.set(null);
      this.failed.set(false);
      const subscription = this.api.sampleImage(clientName, sampleId).subscribe({
        next: (blob) => {
          objectUrl = URL.createObjectURL(blob);
          this.url.set(objectUrl);
        },
        error: () => this.failed.set(true),
      });
      onCleanup(() => {
        subscription.unsubscribe();
        if (objectUrl) URL.revokeObjectURL(objectUrl);
      });
    });
  }
}

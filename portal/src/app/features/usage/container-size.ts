import { DestroyRef, Directive, ElementRef, afterNextRender, inject, signal } from '@angular/core';

/**
 * The host element's content size, kept up to date with a ResizeObserver, as the
 * `[width, height]` ngx-charts takes for `view`. ngx-charts by itself measures its parent
 * only when the window resizes, so a chart would keep its width when a sidenav, a
 * scrollbar or the layout around it changes. Null until measured (and where no
 * ResizeObserver exists), which lets the chart measure itself.
 */
@Directive({ selector: '[appContainerSize]', exportAs: 'containerSize' })
export class ContainerSize {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly size = signal<[number, number] | null>(null);

  constructor() {
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry?.contentRect.width ?? 0);
      const height = Math.floor(entry?.contentRect.height ?? 0);
      const current = this.size();
      if (width > 0 && height > 0 && (current?.[0] !== width || current?.[1] !== height)) this.size.set([width, height]);
    });
    afterNextRender(() => observer.observe(this.host.nativeElement));
    inject(DestroyRef).onDestroy(() => observer.disconnect());
  }
}

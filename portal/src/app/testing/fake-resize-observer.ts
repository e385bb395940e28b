/**
 * A ResizeObserver for specs (jsdom has none) that reports one fixed size as soon as an
 * element is observed, as a browser does on the first layout. Install with
 * `vi.stubGlobal('ResizeObserver', fakeResizeObserver(600, 360))`.
 */
export function fakeResizeObserver(width: number, height: number): typeof ResizeObserver {
  return class {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element): void {
      const entry = { target, contentRect: { width, height } } as unknown as ResizeObserverEntry;
      this.callback([entry], this as unknown as ResizeObserver);
    }
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
}

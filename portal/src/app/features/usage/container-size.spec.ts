import { Component, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ContainerSize } from './container-size';

@Component({
  imports: [ContainerSize],
  template: `<div appContainerSize #box="containerSize">{{ box.size()?.join('x') ?? 'unmeasured' }}</div>`,
})
class Host {
  readonly box = viewChild.required(ContainerSize);
}

describe('ContainerSize', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows the sizes the ResizeObserver reports and stops observing on destroy', async () => {
    let report: ((width: number, height: number) => void) | undefined;
    const disconnect = vi.fn();
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: ResizeObserverCallback) {
          report = (width, height) => callback([{ contentRect: { width, height } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
        }
        observe(): void {}
        disconnect = disconnect;
      },
    );
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toBe('unmeasured');

    report!(640.7, 360);
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toBe('640x360');

    report!(820, 360);
    await fixture.whenStable();
    expect(fixture.componentInstance.box().size()).toEqual([820, 360]);

    report!(0, 0);
    expect(fixture.componentInstance.box().size()).toEqual([820, 360]);

    fixture.destroy();
    expect(disconnect).toHaveBeenCalled();
  });

  it('stays unmeasured where there is no ResizeObserver', async () => {
    vi.stubGlobal('ResizeObserver', undefined);
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    expect(fixture.componentInstance.box().size()).toBeNull();
  });
});

import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';

export type ColorScheme = 'light' | 'dark';

const STORAGE_KEY = 'bws-portal.color-scheme';

/**
 * Light or dark theme. Until the user picks one the portal follows the system setting;
 * a pick is kept in localStorage and applied as `color-scheme` on <html>, which the
 * Material 3 tokens in styles.scss resolve through light-dark().
 */
@Injectable({ providedIn: 'root' })
export class ThemeStore {
  private readonly document = inject(DOCUMENT);
  private readonly schemeState = signal<ColorScheme>(this.storedScheme() ?? this.systemScheme());

  readonly scheme = this.schemeState.asReadonly();

  constructor() {
    const stored = this.storedScheme();
    if (stored) this.apply(stored);
  }

  toggle(): void {
    const next: ColorScheme = this.schemeState() === 'dark' ? 'light' : 'dark';
    this.schemeState.set(next);
    this.document.defaultView?.localStorage.setItem(STORAGE_KEY, next);
    this.apply(next);
  }

  private apply(scheme: ColorScheme): void {
    this.document.documentElement.style.colorScheme = scheme;
  }

  private storedScheme(): ColorScheme | null {
    const stored = this.document.defaultView?.localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : null;
  }

  private systemScheme(): ColorScheme {
    const prefersDark = this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches;
    return prefersDark ? 'dark' : 'light';
  }
}

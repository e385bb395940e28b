import { ChangeDetectorRef, Directive, contentChildren, effect, inject, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatTab, MatTabGroup } from '@angular/material/tabs';
import { ActivatedRoute, Router } from '@angular/router';
import { map } from 'rxjs';

/** "Web API keys" → "web-api-keys": how a tab is named in the address. */
export function tabSlug(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Keeps a page's selected tab in the `tab` query parameter, so a link can open a tab
 * ("/installations/…?tab=certificates") and reloading or going back shows the same one.
 * Tabs the user may not see are not rendered; a `tab` naming one of them opens the first tab.
 */
@Directive({ selector: 'mat-tab-group[appTabQueryParam]' })
export class TabQueryParam {
  private readonly group = inject(MatTabGroup);
  private readonly changeDetector = inject(ChangeDetectorRef);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly tabs = contentChildren(MatTab, { descendants: true });
  private readonly wanted = toSignal(this.route.queryParamMap.pipe(map((params) => params.get('tab'))), {
    initialValue: null,
  });

  constructor() {
    effect(() => {
      const wanted = this.wanted();
      const index = this.tabs().findIndex((tab) => tabSlug(tab.textLabel) === wanted);
      if (index < 0 || index === untracked(() => this.group.selectedIndex)) return;
      this.group.selectedIndex = index;
      this.changeDetector.markForCheck();
    });
    this.group.selectedTabChange.pipe(takeUntilDestroyed()).subscribe(({ tab }) => {
      const slug = tabSlug(tab.textLabel);
      if (slug === this.wanted()) return;
      void this.router.navigate([], {
        relativeTo: this.route,
        queryParams: { tab: slug },
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
    });
  }
}

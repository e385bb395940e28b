import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import { debounceTime } from 'rxjs';

import { SearchHit, SearchStore } from '../search-store';

/**
 * The toolbar's search for clients and installations by name, as consoles like Keycloak
 * and Auth0 offer. "/" or Ctrl+K puts the focus into it from anywhere outside a text field;
 * arrows pick a hit, Enter opens it, Escape leaves.
 */
@Component({
  selector: 'app-global-search',
  imports: [MatAutocompleteModule, MatIconModule, ReactiveFormsModule],
  providers: [SearchStore],
  template: `
    <div class="box" role="search">
      <mat-icon class="icon" svgIcon="search" aria-hidden="true" />
      <input
        #input
        class="input"
        type="search"
        placeholder="Search clients and installations"
        aria-label="Search clients and installations"
        aria-keyshortcuts="/ Control+K"
        autocomplete="off"
        [formControl]="text"
        [matAutocomplete]="results"
      />
      <kbd class="shortcut" aria-hidden="true">/</kbd>
    </div>
    <mat-autocomplete
      #results="matAutocomplete"
      [autoActiveFirstOption]="true"
      [hideSingleSelectionIndicator]="true"
      (optionSelected)="open($event)"
    >
      @for (group of groups(); track group.name) {
        <mat-optgroup [label]="group.name">
          @for (hit of group.hits; track hit.link.join('/')) {
            <mat-option [value]="hit">
              <span class="hit-label">{{ hit.label }}</span>
              <span class="hit-detail">{{ hit.detail }}</span>
            </mat-option>
          }
        </mat-optgroup>
      }
      @if (noHits()) {
        <mat-option disabled>Nothing matches “{{ text.value }}”</mat-option>
      }
    </mat-autocomplete>
  `,
  styles: `
    :host {
      display: block;
      width: min(100%, 26rem);
    }
    .box {
      display: flex;
      gap: 8px;
      align-items: center;
      height: 40px;
      padding: 0 12px;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
      &:focus-within {
        outline: 2px solid var(--mat-sys-primary);
      }
    }
    .input {
      flex: 1;
      min-width: 0;
      border: 0;
      outline: 0;
      background: transparent;
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-large);
    }
    .shortcut {
      padding: 0 6px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      font: var(--mat-sys-label-medium);
    }
    .hit-label {
      margin-inline-end: 8px;
    }
    .hit-detail {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  host: { '(document:keydown)': 'focusOnShortcut($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GlobalSearch {
  private readonly store = inject(SearchStore);
  private readonly router = inject(Router);
  private readonly input = viewChild.required<ElementRef<HTMLInputElement>>('input');

  private readonly typed = signal('');
  protected readonly text = new FormControl<string | SearchHit>('', { nonNullable: true });
  protected readonly groups = computed(() => {
    const hits = this.store.hits();
    return [
      { name: 'Clients', hits: hits.filter((hit) => hit.kind === 'client') },
      { name: 'Installations', hits: hits.filter((hit) => hit.kind === 'installation') },
    ].filter((group) => group.hits.length > 0);
  });
  protected readonly noHits = computed(() => !this.store.loading() && this.store.hits().length === 0 && this.typed() !== '');

  constructor() {
    this.text.valueChanges.pipe(debounceTime(200), takeUntilDestroyed()).subscribe((value) => {
      if (typeof value !== 'string') return;
      this.typed.set(value.trim());
      this.store.search(value);
    });
  }

  protected focusOnShortcut(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    const slash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
    if (!slash && !ctrlK) return;
    event.preventDefault();
    this.input().nativeElement.focus();
  }

  protected async open(event: MatAutocompleteSelectedEvent): Promise<void> {
    const hit = event.option.value as SearchHit;
    this.text.setValue('', { emitEvent: false });
    this.typed.set('');
    this.store.search('');
    this.input().nativeElement.blur();
    await this.router.navigate([...hit.link]);
  }
}

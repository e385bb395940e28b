import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';

import { ErrorState } from '../../../shared/ui/error-state';
import { EffectiveAccessStore } from '../effective-access-store';
import { PermissionTarget } from '../permission';

/**
 * Who else reaches the object besides its own grants: roles held on the client's
 * installation (they reach every client, so they are changed there) and platform administrators.
 * Read-only: each row says where its access comes from and links to where it is managed.
 */
@Component({
  selector: 'app-effective-access-list',
  imports: [DatePipe, ErrorState, MatProgressBarModule, RouterLink],
  providers: [EffectiveAccessStore],
  template: `
    <h2 class="heading" [id]="headingId">Also has access</h2>
    @if (loading() && !data()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading who else has access" />
    }
    @if (error(); as error) {
      <app-error-state [message]="error.message" (retry)="retry()" />
    } @else if (data()) {
      @if (inherited().length === 0) {
        <p class="none">Nobody else: only the grants above reach this {{ objectKind() }}.</p>
      } @else {
        <ul class="access-list" [attr.aria-labelledby]="headingId">
          @for (entry of inherited(); track entry.source + entry.user.id) {
            <li>
              <span class="who">
                <span class="name">{{ entry.user.displayName }}</span>
                <span class="secondary">{{ entry.user.username }}</span>
              </span>
              <span class="role">{{ entry.source === 'platformAdmin' ? 'Everything' : entry.role }}</span>
              <span class="source">
                @switch (entry.source) {
                  @case ('installation') {
                    Inherited from installation
                    <a [routerLink]="['/installations', entry.installation?.id]" [queryParams]="{ tab: 'permissions' }">{{
                      entry.installation?.name
                    }}</a>
                    @if (entry.expiresAt) {
                      (until {{ entry.expiresAt | date: 'yyyy-MM-dd' : 'UTC' }})
                    }
                  }
                  @case ('platformAdmin') {
                    Platform administrator
                  }
                }
              </span>
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      margin-top: 24px;
    }
    .heading {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .none {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .access-list {
      margin: 0;
      padding: 0;
      list-style: none;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
    }
    li {
      display: grid;
      grid-template-columns: minmax(12rem, 2fr) minmax(6rem, 1fr) minmax(12rem, 3fr);
      gap: 12px;
      align-items: center;
      padding: 10px 16px;
      & + li {
        border-top: 1px solid var(--mat-sys-outline-variant);
      }
    }
    .who {
      display: flex;
      flex-direction: column;
    }
    .secondary,
    .source {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EffectiveAccessList {
  private readonly store = inject(EffectiveAccessStore);

  readonly target = input.required<PermissionTarget>();
  /** "installation" or "client". */
  readonly objectKind = input.required<string>();
  /** Changes whenever the grants on the object change, so the list is asked for again. */
  readonly grants = input<unknown>();

  protected readonly headingId = `effective-access-${nextId++}`;
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly inherited = this.store.inherited;

  constructor() {
    effect(() => {
      const target = this.target();
      this.grants();
      untracked(() => this.store.load(target));
    });
  }

  protected retry(): void {
    this.store.load();
  }
}

let nextId = 0;

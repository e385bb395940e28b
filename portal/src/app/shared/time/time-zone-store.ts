import { Injectable, computed, signal } from '@angular/core';

import { UTC } from './format-time';

/**
 * The one time zone the portal writes times in: the browser's own by default, or UTC when
 * the user switches (the account menu). The choice is kept in localStorage. Times name
 * their zone and show UTC on hover, whichever is chosen.
 */
export type TimeZoneChoice = 'local' | 'utc';

const STORAGE_KEY = 'bws-portal.time-zone';

@Injectable({ providedIn: 'root' })
export class TimeZoneStore {
  private readonly choiceState = signal<TimeZoneChoice>(readChoice());

  readonly choice = this.choiceState.asReadonly();
  /** The browser's IANA zone, e.g. "Europe/Berlin". */
  readonly localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || UTC;
  /** The IANA zone times are written in. */
  readonly zone = computed(() => (this.choiceState() === 'utc' ? UTC : this.localZone));

  set(choice: TimeZoneChoice): void {
    this.choiceState.set(choice);
    try {
      localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Storage may be unavailable (private mode): the choice then lasts for this page only.
    }
  }

  toggle(): void {
    this.set(this.choiceState() === 'utc' ? 'local' : 'utc');
  }
}

function readChoice(): TimeZoneChoice {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'utc' ? 'utc' : 'local';
  } catch {
    return 'local';
  }
}

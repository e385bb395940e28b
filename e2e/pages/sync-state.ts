import type { Locator } from "@playwright/test";

/** What the sync chip can say; other live regions (snack bars) never read like this. */
const SYNC_STATE = /^(Checking synchronization…|In sync|Pending \(\d+\)|Failed|Not connected( · \d+ waiting)?)$/;

/** The synchronization chip of a client or an installation inside `scope`. */
export function syncStateIn(scope: Locator): Locator {
  return scope.getByRole("status").filter({ hasText: SYNC_STATE });
}

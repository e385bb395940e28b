/** Builds the portal when its build is missing or older than its sources; throws when the build fails. */
export function buildPortalIfStale(): void;

/** Whose usage, log or samples a view shows: one client (by name) or one installation (by id). */
export type UsageTarget =
  | { readonly kind: 'client'; readonly name: string }
  | { readonly kind: 'installation'; readonly id: string };

/** The target's resource under `/api`, e.g. `/api/clients/demo-client`. */
export function targetPath(target: UsageTarget): string {
  return target.kind === 'client'
    ? `/api/clients/${encodeURIComponent(target.name)}`
    : `/api/installations/${encodeURIComponent(target.id)}`;
}

export function sameTarget(a: UsageTarget | null, b: UsageTarget | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'client') return b.kind === 'client' && a.name === b.name;
  return b.kind === 'installation' && a.id === b.id;
}

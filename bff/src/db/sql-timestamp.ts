/**
 * A Date as a `timestamp(3)` literal in UTC, for raw SQL parameters (`$n::timestamp`).
 * Prisma's columns are `timestamp without time zone` holding UTC; passing the text keeps
 * the session's time zone out of the conversion.
 */
export function sqlTimestamp(at: Date): string {
  return at.toISOString().replace("T", " ").replace("Z", "");
}

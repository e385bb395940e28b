import { z } from "zod";

/**
 * MongoDB connection strings: validated on input, masked wherever they are shown to
 * someone other than an installation Owner, and never logged.
 */
export const connectionStringSchema = z
  .string({ error: "must be a text" })
  .trim()
  .max(2000, "must be at most 2000 characters")
  .regex(/^mongodb(\+srv)?:\/\/\S+$/, "must be a MongoDB connection string (mongodb:// or mongodb+srv://)");

export function maskConnectionString(value: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)(?:([^:@/]*)(?::[^@/]*)?@)?([^/?]*)(\/[^?]*)?/.exec(value);
  if (!match) return "mongodb://****";
  const [, scheme, user, hosts, database] = match;
  return `${scheme}${user ? `${user}:****@` : ""}${hosts}${database ?? ""}`;
}

/** Replaces every connection string inside a text (error messages from drivers). */
export function maskConnectionStringsIn(text: string): string {
  return text.replace(/mongodb(\+srv)?:\/\/[^\s"'<>]+/g, (found) => maskConnectionString(found));
}

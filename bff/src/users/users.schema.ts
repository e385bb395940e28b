import { z } from "zod";

export const minimumQueryLength = 2;
const notACursor = "must be the nextCursor of a previous page";

/** The cursor is the last username of a page, base64url-encoded so callers treat it as opaque. */
export function cursorAfter(username: string): string {
  return Buffer.from(username, "utf8").toString("base64url");
}

/**
 * GET /api/users: `q` matches username or display name (and e-mail, for platform
 * administrators), case-insensitively. Pages by cursor: `cursor` is the `nextCursor` of
 * the previous page; the parsed `cursor` is the username the next page starts after.
 */
export const userSearchQuery = z.object({
  q: z
    .string({
      error: (issue) =>
        issue.input === undefined ? `is required: at least ${minimumQueryLength} characters` : "must be given once, as text",
    })
    .trim()
    .min(minimumQueryLength, `must be at least ${minimumQueryLength} characters`)
    .max(100, "must be at most 100 characters")
    .meta({ description: `Part of a username or display name (platform administrators: also e-mail), at least ${minimumQueryLength} characters.` }),
  limit: z.coerce.number().int().min(1).max(50).default(20).meta({ description: "Users per page." }),
  cursor: z
    .string()
    .max(400, "must be at most 400 characters")
    .regex(/^[A-Za-z0-9_-]+$/, notACursor)
    .meta({ description: "The `nextCursor` of the previous page; absent for the first page." })
    .transform((cursor) => Buffer.from(cursor, "base64url").toString("utf8"))
    .refine((username) => username.length > 0 && !/[\u0000-\u001f]/.test(username), notACursor)
    .optional(),
});
export type UserSearchQuery = z.infer<typeof userSearchQuery>;

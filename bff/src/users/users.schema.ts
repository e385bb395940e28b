import { z } from "zod";

/** GET /api/users: `q` matches username, display name or e-mail, case-insensitively. */
export const userSearchQuery = z.object({
  q: z.string().trim().max(100, "must be at most 100 characters").default(""),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

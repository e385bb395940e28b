import { Router } from "express";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { isActive } from "../access/can.ts";
import { principalOf } from "../auth/authenticate.ts";
import { ForbiddenError } from "../errors.ts";
import { userSearchQuery } from "./users.schema.ts";

/**
 * The user picker: search users by name or e-mail. Only those who can give someone
 * access may search: Owners of an object (permissions), installation Editors (client
 * ownership) and platform administrators.
 */
export function createUsersRouter(deps: { prisma: PrismaClient }): Router {
  const router = Router();

  router.get("/users", async (req, res) => {
    const principal = principalOf(req);
    const now = new Date();
    const grantor = principal.grants.some(
      (g) => isActive(g, now) && (g.role === "Owner" || (g.kind === "installation" && g.role === "Edit")),
    );
    if (!principal.isPlatformAdmin && !grantor) {
      throw new ForbiddenError("Only Owners and installation Editors can look up users to give them access.");
    }
    const { q, limit } = userSearchQuery.parse(req.query);
    const contains = { contains: q, mode: "insensitive" as const };
    const users = await deps.prisma.user.findMany({
      where: q ? { OR: [{ username: contains }, { displayName: contains }, { email: contains }] } : {},
      select: { id: true, username: true, displayName: true, email: true },
      orderBy: { username: "asc" },
      take: limit,
    });
    res.json({ items: users });
  });

  return router;
}

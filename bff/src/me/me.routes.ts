import { Router } from "express";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { principalOf } from "../auth/authenticate.ts";
import { isActive } from "../access/can.ts";

/**
 * GET /api/me: the caller and their effective roles. Installation roles reach every
 * client of the installation; `clients` lists the direct client grants.
 */
export function createMeRouter(deps: { prisma: PrismaClient }): Router {
  const router = Router();

  router.get("/me", async (req, res) => {
    const principal = principalOf(req);
    const now = new Date();
    const active = principal.grants.filter((g) => isActive(g, now));
    const installationGrants = active.filter((g) => g.kind === "installation");
    const clientGrants = active.filter((g) => g.kind === "client");
    const [installations, clients] = await Promise.all([
      deps.prisma.installation.findMany({
        where: { id: { in: installationGrants.map((g) => g.objectId) } },
        select: { id: true, name: true },
      }),
      deps.prisma.client.findMany({
        where: { id: { in: clientGrants.map((g) => g.objectId) } },
        select: { id: true, name: true, installation: { select: { id: true, name: true } } },
      }),
    ]);
    const installationById = new Map(installations.map((i) => [i.id, i]));
    const clientById = new Map(clients.map((c) => [c.id, c]));
    res.json({
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      email: principal.email,
      isPlatformAdmin: principal.isPlatformAdmin,
      installations: installationGrants.flatMap((g) => {
        const installation = installationById.get(g.objectId);
        return installation ? [{ id: installation.id, name: installation.name, role: g.role, expiresAt: g.expiresAt?.toISOString() ?? null }] : [];
      }),
      clients: clientGrants.flatMap((g) => {
        const client = clientById.get(g.objectId);
        return client
          ? [{
              id: client.id,
              name: client.name,
              installationId: client.installation.id,
              installationName: client.installation.name,
              role: g.role,
              via: "client" as const,
              expiresAt: g.expiresAt?.toISOString() ?? null,
            }]
          : [];
      }),
    });
  });

  return router;
}

import { Router } from "express";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { isActive } from "../access/can.ts";
import { principalOf } from "../auth/authenticate.ts";
import { auditQuery } from "./audit.schema.ts";

/**
 * GET /api/audit: the audit log, filtered by object and time. Platform administrators see
 * everything; Owners see the events of what they own (installation Owners also their
 * installation's clients); everyone else sees nothing.
 */
export function createAuditRouter(deps: { prisma: PrismaClient }): Router {
  const router = Router();

  router.get("/audit", async (req, res) => {
    const principal = principalOf(req);
    const query = auditQuery.parse(req.query);
    const now = new Date();
    const owned = principal.grants.filter((g) => g.role === "Owner" && isActive(g, now));
    const visible: Prisma.AuditEventWhereInput = principal.isPlatformAdmin
      ? {}
      : {
          OR: [
            { installationId: { in: owned.filter((g) => g.kind === "installation").map((g) => g.objectId) } },
            { objectType: "client", objectId: { in: owned.filter((g) => g.kind === "client").map((g) => g.objectId) } },
          ],
        };
    const where: Prisma.AuditEventWhereInput = {
      AND: [
        visible,
        query.objectType ? { objectType: query.objectType } : {},
        query.objectId ? { objectId: query.objectId } : {},
        query.installationId ? { installationId: query.installationId } : {},
        query.from || query.to ? { at: { gte: query.from ? new Date(query.from) : undefined, lt: query.to ? new Date(query.to) : undefined } } : {},
      ],
    };
    const [rows, total] = await Promise.all([
      deps.prisma.auditEvent.findMany({ where, orderBy: { at: "desc" }, skip: query.offset, take: query.limit }),
      deps.prisma.auditEvent.count({ where }),
    ]);
    const ids = (type: string) => [...new Set(rows.filter((e) => e.objectType === type).map((e) => e.objectId))];
    const [installations, clients] = await Promise.all([
      deps.prisma.installation.findMany({ where: { id: { in: ids("installation") } }, select: { id: true, name: true } }),
      deps.prisma.client.findMany({ where: { id: { in: ids("client") } }, select: { id: true, name: true } }),
    ]);
    const names = new Map([...installations, ...clients].map((o) => [o.id, o.name]));
    res.json({
      items: rows.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: e.actorName,
        action: e.action,
        objectType: e.objectType,
        objectId: e.objectId,
        /** The object's current name; for a deleted object the name it had, if recorded. */
        objectName: names.get(e.objectId) ?? recordedName(e) ?? null,
        installationId: e.installationId,
        before: e.before,
        after: e.after,
      })),
      total,
    });
  });

  return router;
}

/** The name an event recorded for its object itself (create, update, delete of it), not of a sub-object. */
function recordedName(event: { action: string; objectType: string; before: unknown; after: unknown }): string | undefined {
  if (!/^(installation|client)\.(create|update|delete)$/.test(event.action) || !event.action.startsWith(`${event.objectType}.`)) return undefined;
  for (const snapshot of [event.before, event.after]) {
    const name = (snapshot as { name?: unknown } | null)?.name;
    if (typeof name === "string") return name;
  }
  return undefined;
}

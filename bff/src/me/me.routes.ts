import { Router } from "express";
import type { SqlClient } from "../db/database.ts";
import { principalOf } from "../auth/authenticate.ts";
import { isActive } from "../access/can.ts";

/**
 * GET /api/me: the caller and their effective roles. Installation roles reach every
 * client of the installation; `clients` lists the direct client grants.
 * The portal asks at every start: the names of the granted objects come in one plain SQL
 * statement (the principal itself is cached, auth/principal-cache.ts).
 */
interface GrantedObject {
  kind: "installation" | "client";
  id: string;
  name: string;
  installation_id: string | null;
  installation_name: string | null;
}

export function createMeRouter(deps: { sql: SqlClient }): Router {
  const router = Router();

  router.get("/me", async (req, res) => {
    const principal = principalOf(req);
    const now = new Date();
    const active = principal.grants.filter((g) => isActive(g, now));
    const installationGrants = active.filter((g) => g.kind === "installation");
    const clientGrants = active.filter((g) => g.kind === "client");
    const objects = active.length
      ? await deps.sql.query<GrantedObject>(
          `SELECT 'installation' AS kind, i.id, i.name, NULL AS installation_id, NULL AS installation_name
             FROM installations i WHERE i.id = ANY($1::uuid[])
           UNION ALL
           SELECT 'client', c.id, c.name, i.id, i.name
             FROM clients c JOIN installations i ON i.id = c.installation_id WHERE c.id = ANY($2::uuid[])`,
          [installationGrants.map((g) => g.objectId), clientGrants.map((g) => g.objectId)],
        )
      : [];
    const installationById = new Map(objects.filter((o) => o.kind === "installation").map((o) => [o.id, { id: o.id, name: o.name }]));
    const clientById = new Map(
      objects.filter((o) => o.kind === "client").map((o) => [o.id, { id: o.id, name: o.name, installation: { id: o.installation_id!, name: o.installation_name! } }]),
    );
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

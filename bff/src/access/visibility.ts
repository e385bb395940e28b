import type { Prisma } from "../generated/prisma/client.ts";
import { activeGrantIds, type Principal } from "./can.ts";

/**
 * Database filters for "what may this principal read", consistent with can(..., "readInfo", ...):
 * installation roles read the installation and all its clients, client roles their client.
 */
export function readableClientsWhere(principal: Principal, now = new Date()): Prisma.ClientWhereInput {
  if (principal.isPlatformAdmin) return {};
  return {
    OR: [
      { installationId: { in: activeGrantIds(principal, "installation", now) } },
      { id: { in: activeGrantIds(principal, "client", now) } },
    ],
  };
}

export function readableInstallationsWhere(principal: Principal, now = new Date()): Prisma.InstallationWhereInput {
  if (principal.isPlatformAdmin) return {};
  return { id: { in: activeGrantIds(principal, "installation", now) } };
}

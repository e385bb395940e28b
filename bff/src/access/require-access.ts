import { ForbiddenError } from "../errors.ts";
import type { Operation } from "./access-table.ts";
import { can, type AccessTarget, type Principal } from "./can.ts";

const what: Record<Operation, string> = {
  readInfo: "read this object",
  readInstanceUsage: "read this installation's instance usage",
  readInstallationLog: "read this installation's logs",
  updateInstallation: "change this installation",
  readConnectionString: "read this installation's connection string",
  manageCertificates: "manage this installation's certificates",
  createClients: "create clients on this installation or delete its clients",
  manageClientOwnership: "add, transfer or take client ownership (only Owners of the installation may)",
  manageInstallationPermissions: "manage this installation's permissions",
  readClientUsage: "read this client's usage",
  readClientLog: "read this client's log and samples",
  updateClient: "change this client's settings",
  manageClientCertificates: "manage this client's certificates",
  manageKeys: "manage this client's Web API keys",
  deleteClasses: "delete this client's classes",
  manageClientPermissions: "manage this client's permissions",
};

/** Throws 403 with a Message that says what was refused. */
export function requireAccess(principal: Principal, operation: Operation, target: AccessTarget): void {
  if (!can(principal, operation, target)) {
    throw new ForbiddenError(`You do not have permission to ${what[operation]}.`);
  }
}

export function requirePlatformAdmin(principal: Principal, action: string): void {
  if (!principal.isPlatformAdmin) throw new ForbiddenError(`Only platform administrators may ${action}.`);
}

/**
 * SPEC's access table as data: the one place that says which role may do what.
 * - `scope` tells which object an operation is checked on: the installation, a client, or both.
 * - Installation roles reach every client of their installation (see can.ts).
 * - `label` is the row's text in SPEC.md, so the table test can compare cell by cell.
 * - Ownership is a permission: only installation Owners add, transfer, grant or take the
 *   Owner role of a client (`manageClientOwnership`); client Owners grant the other roles.
 */
export const roleNames = ["Owner", "Edit", "Support", "View"] as const;
export type RoleName = (typeof roleNames)[number];

export type ObjectKind = "installation" | "client";

interface AccessRow {
  label: string;
  scope: ObjectKind | "both";
  installation: readonly RoleName[];
  client: readonly RoleName[];
}

const all = roleNames;
const owner = ["Owner"] as const;
const writers = ["Owner", "Edit"] as const;
const readers = ["Owner", "Edit", "Support"] as const;
const none = [] as const;

export const accessTable = {
  readInfo: { label: "read info", scope: "both", installation: all, client: all },
  readInstanceUsage: { label: "read instance usage", scope: "installation", installation: all, client: none },
  readInstallationLog: {
    label: "read installation log, diagnostic log",
    scope: "installation",
    installation: readers,
    client: none,
  },
  updateInstallation: {
    label: "update installation (endpoints, connection string)",
    scope: "installation",
    installation: writers,
    client: none,
  },
  readConnectionString: { label: "read connection string", scope: "installation", installation: owner, client: none },
  manageCertificates: {
    label: "upload certificates, attach/detach on installation",
    scope: "installation",
    installation: writers,
    client: none,
  },
  createClients: { label: "create clients", scope: "installation", installation: writers, client: none },
  /**
   * Ownership is a permission: adding or transferring it, choosing a new client's Owner, and
   * granting, changing or revoking the Owner role on a client. Checked on the installation
   * (a new client) or on the client (an existing one); a client role never reaches it.
   */
  manageClientOwnership: {
    label: "transfer or add client ownership",
    scope: "both",
    installation: owner,
    client: none,
  },
  manageInstallationPermissions: {
    label: "installation permissions",
    scope: "installation",
    installation: owner,
    client: none,
  },
  readClientUsage: { label: "read client usage", scope: "client", installation: all, client: all },
  readClientLog: { label: "read client log, read samples", scope: "client", installation: readers, client: readers },
  updateClient: {
    label: "update client flags (logging, identification, expiry)",
    scope: "client",
    installation: writers,
    client: writers,
  },
  manageClientCertificates: {
    label: "attach/detach client certificates, download them",
    scope: "client",
    installation: writers,
    client: writers,
  },
  manageKeys: { label: "Web API keys", scope: "client", installation: writers, client: writers },
  deleteClasses: {
    label: "delete class / pattern (needs a client certificate)",
    scope: "client",
    installation: writers,
    client: writers,
  },
  manageClientPermissions: { label: "client permissions", scope: "client", installation: owner, client: owner },
} as const satisfies Record<string, AccessRow>;

export type Operation = keyof typeof accessTable;

/** Strongest first: used to pick the effective role when a user holds two. */
export const roleStrength: Record<RoleName, number> = { Owner: 4, Edit: 3, Support: 2, View: 1 };

import { describe, expect, it } from "vitest";
import { accessTable, roleNames, type Operation, type RoleName } from "./access-table.ts";
import { allowedOperations, can, effectiveClientRole, grantsAccessSomewhere, type Grant, type Principal } from "./can.ts";

// SPEC.md's access table, verbatim. Every cell is checked against can(); a changed cell
// in the code (or here) fails this test.
const specTable = `
| operation | inst Owner | inst Edit | inst Support | inst View | client Owner | client Edit | client Support | client View |
|---|---|---|---|---|---|---|---|---|
| read info | x | x | x | x | x | x | x | x |
| read instance usage | x | x | x | x | | | | |
| read installation log, diagnostic log | x | x | x | | | | | |
| update installation (endpoints, connection string) | x | x | | | | | | |
| read connection string | x | | | | | | | |
| upload certificates, attach/detach on installation | x | x | | | | | | |
| create clients | x | x | | | | | | |
| transfer or add client ownership | x | | | | | | | |
| installation permissions | x | | | | | | | |
| read client usage | x | x | x | x | x | x | x | x |
| read client log, read samples | x | x | x | | x | x | x | |
| update client flags (logging, identification, expiry) | x | x | | | x | x | | |
| attach/detach client certificates, download them | x | x | | | x | x | | |
| Web API keys | x | x | | | x | x | | |
| delete class / pattern (needs a client certificate) | x | x | | | x | x | | |
| client permissions | x | | | | x | | | |
`;

interface Column {
  kind: "installation" | "client";
  role: RoleName;
}

function parseSpecTable() {
  const lines = specTable.trim().split("\n").map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
  const header = lines[0]!;
  const columns: Column[] = header.slice(1).map((title) => {
    const [kind, role] = title.split(" ");
    return { kind: kind === "inst" ? "installation" : "client", role: role as RoleName };
  });
  const rows = lines.slice(2).map(([label, ...cells]) => ({ label: label!, cells: cells.map((c) => c === "x") }));
  return { columns, rows };
}

const installation = { kind: "installation" as const, id: "inst-1" };
const client = { kind: "client" as const, id: "client-1", installationId: "inst-1" };
const otherInstallationClient = { kind: "client" as const, id: "client-9", installationId: "inst-9" };

function principalWith(...grants: Grant[]): Principal {
  return { userId: "u", subject: "s", username: "u", displayName: "U", email: null, isPlatformAdmin: false, grants };
}

function grantFor(column: Column, expiresAt: Date | null = null): Grant {
  return { kind: column.kind, objectId: column.kind === "installation" ? installation.id : client.id, role: column.role, expiresAt };
}

function operationFor(label: string): Operation {
  const entry = Object.entries(accessTable).find(([, row]) => row.label === label);
  if (!entry) throw new Error(`no operation for SPEC row "${label}"`);
  return entry[0] as Operation;
}

const { columns, rows } = parseSpecTable();

describe("can() against every cell of SPEC's access table", () => {
  it("has exactly SPEC's operations, no more and no fewer", () => {
    expect(Object.values(accessTable).map((row) => row.label).sort()).toEqual(rows.map((row) => row.label).sort());
    expect(columns).toHaveLength(8);
    expect(rows).toHaveLength(16);
  });

  const cells = rows.flatMap((row) => columns.map((column, i) => ({ row, column, allowed: row.cells[i]! })));

  it.each(cells)("$row.label | $column.kind $column.role => $allowed", ({ row, column, allowed }) => {
    const operation = operationFor(row.label);
    const scope = accessTable[operation].scope;
    const principal = principalWith(grantFor(column));
    const targets =
      column.kind === "installation"
        ? [...(scope !== "client" ? [installation] : []), ...(scope !== "installation" ? [client] : [])]
        : [scope === "installation" ? installation : client];
    for (const target of targets) {
      expect(can(principal, operation, target), `${operation} on ${target.kind}`).toBe(allowed);
    }
  });
});

describe("can() beyond the table", () => {
  const operations = Object.keys(accessTable) as Operation[];
  const now = new Date("2026-06-01T00:00:00Z");

  it("lets platform administrators do every operation on every object", () => {
    const admin = { ...principalWith(), isPlatformAdmin: true };
    for (const operation of operations) {
      expect(can(admin, operation, installation)).toBe(true);
      expect(can(admin, operation, otherInstallationClient)).toBe(true);
    }
  });

  it("denies every operation to a user without grants", () => {
    const stranger = principalWith();
    for (const operation of operations) {
      expect(can(stranger, operation, installation)).toBe(false);
      expect(can(stranger, operation, client)).toBe(false);
    }
  });

  it("counts an expired support grant as no grant", () => {
    for (const kind of ["installation", "client"] as const) {
      const expired = principalWith(grantFor({ kind, role: "Support" }, new Date("2026-05-31T23:59:59Z")));
      for (const operation of operations) {
        expect(can(expired, operation, installation, now)).toBe(false);
        expect(can(expired, operation, client, now)).toBe(false);
      }
    }
  });

  it("honours a support grant until its expiry", () => {
    const support = principalWith(grantFor({ kind: "client", role: "Support" }, new Date("2026-06-02T00:00:00Z")));
    expect(can(support, "readClientLog", client, now)).toBe(true);
    expect(can(support, "readClientLog", client, new Date("2026-06-02T00:00:01Z"))).toBe(false);
  });

  it("does not let an installation role reach clients of another installation", () => {
    const owner = principalWith(grantFor({ kind: "installation", role: "Owner" }));
    for (const operation of operations) expect(can(owner, operation, otherInstallationClient)).toBe(false);
  });

  it("does not let a client role reach the installation or a sibling client", () => {
    const owner = principalWith(grantFor({ kind: "client", role: "Owner" }));
    const sibling = { kind: "client" as const, id: "client-2", installationId: "inst-1" };
    expect(can(owner, "readInfo", installation)).toBe(false);
    for (const operation of operations) expect(can(owner, operation, sibling)).toBe(false);
  });

  it("takes the stronger of an installation role and a client role", () => {
    const principal = principalWith(grantFor({ kind: "installation", role: "View" }), grantFor({ kind: "client", role: "Edit" }));
    expect(effectiveClientRole(principal, client)).toBe("Edit");
    expect(can(principal, "manageKeys", client)).toBe(true);
    expect(can(principal, "readInstanceUsage", installation)).toBe(true);
    expect(can(principal, "updateInstallation", installation)).toBe(false);
  });

  it("tells views that only installation Owners may change a client's ownership", () => {
    const offered = (...grants: Grant[]) => allowedOperations(principalWith(...grants), client).includes("manageClientOwnership");
    expect(offered(grantFor({ kind: "installation", role: "Owner" }))).toBe(true);
    expect(offered(grantFor({ kind: "installation", role: "Edit" }))).toBe(false);
    expect(offered(grantFor({ kind: "client", role: "Owner" }))).toBe(false);
    expect(allowedOperations(principalWith(grantFor({ kind: "installation", role: "Owner" })), installation)).toContain("manageClientOwnership");
    expect(allowedOperations(principalWith(grantFor({ kind: "installation", role: "Edit" })), installation)).toEqual(
      expect.arrayContaining(["createClients"]),
    );
    expect(allowedOperations(principalWith(grantFor({ kind: "installation", role: "Edit" })), installation)).not.toContain("manageClientOwnership");
  });

  it("counts platform administrators and active installation or client Owners, and nobody else, as granting access somewhere", () => {
    expect(grantsAccessSomewhere({ ...principalWith(), isPlatformAdmin: true })).toBe(true);
    for (const kind of ["installation", "client"] as const) {
      for (const role of roleNames) {
        expect(grantsAccessSomewhere(principalWith(grantFor({ kind, role }))), `${kind} ${role}`).toBe(role === "Owner");
      }
      expect(grantsAccessSomewhere(principalWith(grantFor({ kind, role: "Owner" }, new Date("2026-05-31T00:00:00Z"))), now)).toBe(false);
    }
    expect(grantsAccessSomewhere(principalWith())).toBe(false);
  });

  it("names every role of the table", () => {
    expect(new Set(columns.map((c) => c.role))).toEqual(new Set(roleNames));
  });
});

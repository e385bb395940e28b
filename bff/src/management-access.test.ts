import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "./generated/prisma/client.ts";
import { type AccessRule, createTestPrincipals, expectedAllowed, holdClientRole, principals, roleEnum } from "./testing/access-principals.ts";
import { snapshotDatabase } from "./testing/db-snapshot.ts";
import { makeTestCertificate } from "./testing/test-certificates.ts";
import { startTestServer, type TestServer } from "./testing/test-server.ts";

/**
 * Every management route, called by every kind of principal: the four installation roles,
 * the four client roles, an expired support grant, a stranger and a platform administrator.
 * Allowed calls succeed; refused calls answer 403 with a Message and change nothing.
 * Expectations come from SPEC's access table (access-table.ts, itself checked cell by cell).
 */
interface Call {
  method: string;
  path: string;
  body?: unknown;
}

interface Route {
  name: string;
  rule: AccessRule;
  prepare: () => Promise<Call>;
}

describe("access to every management route", () => {
  let server: TestServer;
  let demoId: string;
  let granteeId: string;
  /** Receives and loses client ownership, so that granteeId never holds the Owner role. */
  let heirId: string;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;
  const future = new Date(Date.now() + 30 * 86_400_000).toISOString();

  async function asAdmin(call: Call) {
    const response = await server.api(call.path, {
      method: call.method,
      token: await server.tokenFor("admin"),
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    if (!response.ok) throw new Error(`${call.method} ${call.path} failed in preparation: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  }

  /** A throw-away client on `demo` on which the client-role principals hold their roles. */
  async function scratchClient(): Promise<string> {
    const name = unique("scratch");
    const storage = await server.db.prisma.storage.findFirstOrThrow({ where: { installationId: demoId } });
    const client = await server.db.prisma.client.create({
      data: { name, installationId: demoId, storageId: storage.id, partition: 1000 + counter, expiresAt: new Date(future) },
    });
    for (const p of principals.filter((x) => x.kind === "client")) {
      const user = await server.db.prisma.user.findUniqueOrThrow({ where: { username: p.username } });
      await server.db.prisma.permission.create({ data: { userId: user.id, clientId: client.id, role: roleEnum[p.role!], expiresAt: p.role === "Support" ? new Date(future) : null } });
    }
    return name;
  }

  async function uploadedCertificate(): Promise<string> {
    const cert = makeTestCertificate({ commonName: unique("cert") });
    const created = (await asAdmin({
      method: "POST",
      path: `/api/installations/${demoId}/certificates`,
      body: { certificatePem: cert.certificatePem, privateKeyPem: cert.privateKeyPem },
    })) as { id: string };
    return created.id;
  }

  async function createdKey(): Promise<string> {
    const key = (await asAdmin({ method: "POST", path: "/api/clients/demo-client/keys", body: { label: unique("key") } })) as { appId: string };
    return key.appId;
  }

  const holdOnDemoClient = (userId: string, role: Role) => holdClientRole(server.db.prisma, userId, "demo-client", role);
  const lastDay = () =>
    `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;

  async function loggedSample(): Promise<string> {
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    const sample = await server.db.prisma.sample.create({
      data: { clientId: client.id, installationId: demoId, operation: "livenessdetection", frameIndex: 0, contentType: "image/png", data: new Uint8Array([137, 80, 78, 71]) },
    });
    return String(sample.id);
  }

  /** A class with Face and Periocular templates on demo-client (which has a certificate attached). */
  async function enrolledClass(): Promise<string> {
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    const classId = 500_000 + ++counter;
    await server.db.prisma.biometricClass.create({
      data: {
        installationId: demoId,
        clientId: client.id,
        storage: "bws",
        partition: client.partition,
        classId,
        traits: [{ trait: "Face", templates: 2 }, { trait: "Periocular", templates: 2 }],
        enrolledAt: new Date(),
        updatedAt: new Date(),
      },
    });
    return String(classId);
  }

  const routes: Route[] = [
    { name: "GET /api/me", rule: "anyone", prepare: async () => ({ method: "GET", path: "/api/me" }) },
    { name: "GET /api/installations", rule: "anyone", prepare: async () => ({ method: "GET", path: "/api/installations" }) },
    {
      name: "POST /api/installations",
      rule: "platformAdmin",
      prepare: async () => ({ method: "POST", path: "/api/installations", body: { name: unique("inst"), storages: ["bws"] } }),
    },
    { name: "GET /api/installations/:id", rule: { op: "readInfo", on: "installation" }, prepare: async () => ({ method: "GET", path: `/api/installations/${demoId}` }) },
    {
      name: "PATCH /api/installations/:id",
      rule: { op: "updateInstallation", on: "installation" },
      prepare: async () => ({ method: "PATCH", path: `/api/installations/${demoId}`, body: { endpointUrls: [`https://${unique("bws")}.example.com`] } }),
    },
    {
      name: "DELETE /api/installations/:id",
      rule: "platformAdmin",
      prepare: async () => {
        const created = (await asAdmin({ method: "POST", path: "/api/installations", body: { name: unique("empty") } })) as { id: string };
        const grants = await server.db.prisma.permission.findMany({ where: { installationId: demoId } });
        await server.db.prisma.permission.createMany({
          data: grants.map((g) => ({ userId: g.userId, installationId: created.id, role: g.role, expiresAt: g.expiresAt })),
        });
        return { method: "DELETE", path: `/api/installations/${created.id}` };
      },
    },
    {
      name: "GET /api/installations/:id/connection-string",
      rule: { op: "readConnectionString", on: "installation" },
      prepare: async () => ({ method: "GET", path: `/api/installations/${demoId}/connection-string` }),
    },
    {
      name: "GET /api/installations/:id/permissions",
      rule: { op: "manageInstallationPermissions", on: "installation" },
      prepare: async () => ({ method: "GET", path: `/api/installations/${demoId}/permissions` }),
    },
    {
      name: "PUT /api/installations/:id/permissions/:userId",
      rule: { op: "manageInstallationPermissions", on: "installation" },
      prepare: async () => ({ method: "PUT", path: `/api/installations/${demoId}/permissions/${granteeId}`, body: { role: counter++ % 2 ? "View" : "Edit" } }),
    },
    {
      name: "DELETE /api/installations/:id/permissions/:userId",
      rule: { op: "manageInstallationPermissions", on: "installation" },
      prepare: async () => {
        await server.db.prisma.permission.upsert({
          where: { userId_installationId: { userId: granteeId, installationId: demoId } },
          create: { userId: granteeId, installationId: demoId, role: "VIEW" },
          update: {},
        });
        return { method: "DELETE", path: `/api/installations/${demoId}/permissions/${granteeId}` };
      },
    },
    {
      name: "GET /api/installations/:id/certificates",
      rule: { op: "readInfo", on: "installation" },
      prepare: async () => ({ method: "GET", path: `/api/installations/${demoId}/certificates` }),
    },
    {
      name: "POST /api/installations/:id/certificates",
      rule: { op: "manageCertificates", on: "installation" },
      prepare: async () => {
        const cert = makeTestCertificate({ commonName: unique("upload") });
        return { method: "POST", path: `/api/installations/${demoId}/certificates`, body: { certificatePem: cert.certificatePem, privateKeyPem: cert.privateKeyPem } };
      },
    },
    {
      name: "DELETE /api/installations/:id/certificates/:certificateId",
      rule: { op: "manageCertificates", on: "installation" },
      prepare: async () => ({ method: "DELETE", path: `/api/installations/${demoId}/certificates/${await uploadedCertificate()}` }),
    },
    { name: "GET /api/clients", rule: "anyone", prepare: async () => ({ method: "GET", path: "/api/clients" }) },
    {
      name: "POST /api/clients",
      rule: { op: "createClients", on: "installation" },
      prepare: async () => ({
        method: "POST",
        path: "/api/clients",
        body: { name: unique("new-client"), installationId: demoId, storage: "bws", partition: "next", expiresAt: future },
      }),
    },
    {
      name: "POST /api/clients choosing an Owner (ownerUserId)",
      rule: { op: "manageClientOwnership", on: "installation" },
      prepare: async () => ({
        method: "POST",
        path: "/api/clients",
        body: { name: unique("owned-client"), installationId: demoId, storage: "bws", partition: "next", expiresAt: future, ownerUserId: heirId },
      }),
    },
    { name: "GET /api/clients/:name", rule: { op: "readInfo", on: "client" }, prepare: async () => ({ method: "GET", path: "/api/clients/demo-client" }) },
    {
      name: "PATCH /api/clients/:name",
      rule: { op: "updateClient", on: "client" },
      prepare: async () => ({ method: "PATCH", path: "/api/clients/demo-client", body: { logging: { retentionDays: 10 + (counter++ % 50) } } }),
    },
    {
      name: "DELETE /api/clients/:name",
      rule: { op: "createClients", on: "installation" },
      prepare: async () => ({ method: "DELETE", path: `/api/clients/${await scratchClient()}` }),
    },
    {
      name: "POST /api/clients/:name/owners",
      rule: { op: "manageClientOwnership", on: "client" },
      prepare: async () => {
        await holdOnDemoClient(heirId, "VIEW");
        return { method: "POST", path: "/api/clients/demo-client/owners", body: { userId: heirId, mode: "add" } };
      },
    },
    {
      name: "GET /api/clients/:name/permissions",
      rule: { op: "manageClientPermissions", on: "client" },
      prepare: async () => ({ method: "GET", path: "/api/clients/demo-client/permissions" }),
    },
    {
      name: "PUT /api/clients/:name/permissions/:userId",
      rule: { op: "manageClientPermissions", on: "client" },
      prepare: async () => ({ method: "PUT", path: `/api/clients/demo-client/permissions/${granteeId}`, body: { role: "Support", expiresAt: future } }),
    },
    ...(
      [
        ["granting the Owner role", "VIEW", "PUT", { role: "Owner" }],
        ["demoting an Owner", "OWNER", "PUT", { role: "Edit" }],
        ["revoking an Owner", "OWNER", "DELETE", undefined],
      ] as const
    ).map(([what, held, method, body]): Route => ({
      name: `${method} /api/clients/:name/permissions/:userId ${what}`,
      rule: { op: "manageClientOwnership", on: "client" },
      prepare: async () => {
        await holdOnDemoClient(heirId, held);
        return { method, path: `/api/clients/demo-client/permissions/${heirId}`, body };
      },
    })),
    {
      name: "DELETE /api/clients/:name/permissions/:userId",
      rule: { op: "manageClientPermissions", on: "client" },
      prepare: async () => {
        await holdOnDemoClient(granteeId, "VIEW");
        return { method: "DELETE", path: `/api/clients/demo-client/permissions/${granteeId}` };
      },
    },
    {
      name: "GET /api/clients/:name/attachable-certificates",
      rule: { op: "manageClientCertificates", on: "client" },
      prepare: async () => ({ method: "GET", path: "/api/clients/demo-client/attachable-certificates" }),
    },
    {
      name: "GET /api/clients/:name/certificates",
      rule: { op: "readInfo", on: "client" },
      prepare: async () => ({ method: "GET", path: "/api/clients/demo-client/certificates" }),
    },
    {
      name: "PUT /api/clients/:name/certificates/:certificateId",
      rule: { op: "manageClientCertificates", on: "client" },
      prepare: async () => ({ method: "PUT", path: `/api/clients/demo-client/certificates/${await uploadedCertificate()}` }),
    },
    {
      name: "DELETE /api/clients/:name/certificates/:certificateId",
      rule: { op: "manageClientCertificates", on: "client" },
      prepare: async () => {
        const id = await uploadedCertificate();
        await asAdmin({ method: "PUT", path: `/api/clients/demo-client/certificates/${id}` });
        return { method: "DELETE", path: `/api/clients/demo-client/certificates/${id}` };
      },
    },
    {
      name: "POST /api/clients/:name/certificates/:certificateId/pkcs12",
      rule: { op: "manageClientCertificates", on: "client" },
      prepare: async () => {
        const id = await uploadedCertificate();
        await asAdmin({ method: "PUT", path: `/api/clients/demo-client/certificates/${id}` });
        return { method: "POST", path: `/api/clients/demo-client/certificates/${id}/pkcs12`, body: { password: "download-pw" } };
      },
    },
    { name: "GET /api/clients/:name/keys", rule: { op: "manageKeys", on: "client" }, prepare: async () => ({ method: "GET", path: "/api/clients/demo-client/keys" }) },
    {
      name: "POST /api/clients/:name/keys",
      rule: { op: "manageKeys", on: "client" },
      prepare: async () => ({ method: "POST", path: "/api/clients/demo-client/keys", body: { label: unique("label") } }),
    },
    {
      name: "POST /api/clients/:name/keys/:appId/rotate",
      rule: { op: "manageKeys", on: "client" },
      prepare: async () => ({ method: "POST", path: `/api/clients/demo-client/keys/${await createdKey()}/rotate`, body: { overlapHours: 1 } }),
    },
    {
      name: "DELETE /api/clients/:name/keys/:appId",
      rule: { op: "manageKeys", on: "client" },
      prepare: async () => ({ method: "DELETE", path: `/api/clients/demo-client/keys/${await createdKey()}` }),
    },
    {
      name: "GET /api/clients/:name/usage",
      rule: { op: "readClientUsage", on: "client" },
      prepare: async () => ({ method: "GET", path: `/api/clients/demo-client/usage?from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}` }),
    },
    {
      name: "GET /api/installations/:id/usage",
      rule: { op: "readInstanceUsage", on: "installation" },
      prepare: async () => ({ method: "GET", path: `/api/installations/${demoId}/usage?from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}` }),
    },
    {
      name: "GET /api/usage/overview",
      rule: "platformAdmin",
      prepare: async () => ({ method: "GET", path: `/api/usage/overview?${lastDay()}` }),
    },
    {
      name: "GET /api/clients/:name/bwslog",
      rule: { op: "readClientLog", on: "client" },
      prepare: async () => ({ method: "GET", path: `/api/clients/demo-client/bwslog?${lastDay()}` }),
    },
    {
      name: "GET /api/installations/:id/bwslog",
      rule: { op: "readInstallationLog", on: "installation" },
      prepare: async () => ({ method: "GET", path: `/api/installations/${demoId}/bwslog?${lastDay()}` }),
    },
    {
      name: "GET /api/installations/:id/diagnostics",
      rule: { op: "readInstallationLog", on: "installation" },
      prepare: async () => ({ method: "GET", path: `/api/installations/${demoId}/diagnostics` }),
    },
    {
      name: "GET /api/clients/:name/samples",
      rule: { op: "readClientLog", on: "client" },
      prepare: async () => ({ method: "GET", path: "/api/clients/demo-client/samples" }),
    },
    {
      name: "GET /api/clients/:name/samples/:id/image",
      rule: { op: "readClientLog", on: "client" },
      prepare: async () => ({ method: "GET", path: `/api/clients/demo-client/samples/${await loggedSample()}/image` }),
    },
    {
      name: "GET /api/clients/:name/:trait/classcount",
      rule: { op: "readClientUsage", on: "client" },
      prepare: async () => ({ method: "GET", path: "/api/clients/demo-client/Face/classcount" }),
    },
    {
      name: "GET /api/clients/:name/classes",
      rule: { op: "readClientLog", on: "client" },
      prepare: async () => ({ method: "GET", path: "/api/clients/demo-client/classes?maxclasses=5" }),
    },
    {
      name: "DELETE /api/clients/:name/classes/:classId",
      rule: { op: "deleteClasses", on: "client" },
      prepare: async () => ({ method: "DELETE", path: `/api/clients/demo-client/classes/${await enrolledClass()}` }),
    },
    {
      name: "DELETE /api/clients/:name/classes/:classId/:trait",
      rule: { op: "deleteClasses", on: "client" },
      prepare: async () => ({ method: "DELETE", path: `/api/clients/demo-client/classes/${await enrolledClass()}/Periocular` }),
    },
    { name: "GET /api/users", rule: "grantorSomewhere", prepare: async () => ({ method: "GET", path: "/api/users?q=demo" }) },
    { name: "GET /api/audit", rule: "anyone", prepare: async () => ({ method: "GET", path: "/api/audit" }) },
  ];

  beforeAll(async () => {
    server = await startTestServer();
    const { prisma } = server.db;
    demoId = (await prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
    await prisma.installation.update({ where: { id: demoId }, data: { connectionStringEnc: null } });
    const demoClient = await prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    await createTestPrincipals(prisma, demoId, demoClient.id, new Date(future));
    granteeId = (await prisma.user.create({ data: { subject: "sub-grantee", username: "grantee", displayName: "Grantee" } })).id;
    heirId = (await prisma.user.create({ data: { subject: "sub-heir", username: "heir", displayName: "Heir" } })).id;
    await asAdmin({ method: "PUT", path: `/api/clients/demo-client/certificates/${await uploadedCertificate()}` });
  });
  afterAll(async () => server?.stop());

  it("covers every role and every route", () => {
    expect(new Set(principals.filter((p) => p.role).map((p) => `${p.kind} ${p.role}`)).size).toBe(8);
    expect(routes.length).toBeGreaterThanOrEqual(49);
  });

  for (const route of routes) {
    it(`${route.name}: allowed callers succeed, others get 403 and change nothing`, async () => {
      for (const principal of principals) {
        const call = await route.prepare();
        const allowed = expectedAllowed(principal, route.rule);
        const before = allowed ? "" : await snapshotDatabase(server.db.prisma);
        const response = await server.api(call.path, {
          method: call.method,
          token: await server.tokenFor(principal.username),
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
        });
        const label = `${principal.username} ${call.method} ${call.path}`;
        if (allowed) {
          expect(response.status, `${label}: ${await response.clone().text()}`).toBeLessThan(300);
        } else {
          expect(response.status, label).toBe(403);
          expect(((await response.json()) as { Message?: string }).Message, label).toMatch(/\S/);
          expect(await snapshotDatabase(server.db.prisma), `${label} changed the database`).toBe(before);
        }
      }
    });
  }
});

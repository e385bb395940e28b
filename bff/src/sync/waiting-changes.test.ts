import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestCertificate } from "../testing/test-certificates.ts";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

interface SyncAnswer {
  state: string;
  pending: number;
  nextAttemptAt: string | null;
  oldestChangeAt: string | null;
  clients?: { name: string; pending: number }[];
}

/**
 * A class delete on an installation without a connection string waits in the outbox:
 * it is counted in the sync status and tried only once a connection string is set.
 */
describe("changes waiting for an installation without a connection string", () => {
  let server: TestServer;
  let demoId: string;

  beforeAll(async () => {
    server = await startTestServer({}, { startWorker: false });
    const prisma = server.db.prisma;
    demoId = (await prisma.installation.findUniqueOrThrow({ where: { name: "demo" } })).id;
    const client = await prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    const at = new Date();
    await prisma.biometricClass.create({
      data: { installationId: demoId, clientId: client.id, storage: "bws", partition: 1, classId: 42n, traits: [{ trait: "Face", templates: 2 }], enrolledAt: at, updatedAt: at },
    });
    const cert = makeTestCertificate({ commonName: "waiting-cert" });
    const uploaded = await server.call<{ id: string }>("admin", "POST", `/api/installations/${demoId}/certificates`, {
      certificatePem: cert.certificatePem,
      privateKeyPem: cert.privateKeyPem,
    });
    await server.call("admin", "PUT", `/api/clients/demo-client/certificates/${uploaded.id}`);
  });
  afterAll(async () => server?.stop());

  it("queues a class delete, says it waits, and counts it while the installation is not connected", async () => {
    const deleted = await server.send("owner", "DELETE", "/api/clients/demo-client/classes/42");
    expect(deleted.status).toBe(202);
    expect(await messageOf(deleted)).toMatch(/queued .* waits until the installation has a connection string/);

    const client = await server.call<SyncAnswer>("owner", "GET", "/api/clients/demo-client/sync");
    expect(client).toMatchObject({ state: "notConnected", pending: 1, nextAttemptAt: null });
    expect(client.oldestChangeAt).not.toBeNull();
    const installation = await server.call<SyncAnswer>("viewer", "GET", `/api/installations/${demoId}/sync`);
    expect(installation).toMatchObject({ state: "notConnected", pending: 1 });
    expect(installation.clients).toEqual([expect.objectContaining({ name: "demo-client", pending: 1 })]);
  });

  it("does not try a waiting change while there is no connection string", async () => {
    expect(await server.sync.worker.runOnce()).toBe(0);
    const [message] = await server.db.prisma.outboxMessage.findMany({ where: { clientName: "demo-client" } });
    expect(message).toMatchObject({ kind: "deleteClass", status: "pending", attempts: 0, lastError: null });
  });
});

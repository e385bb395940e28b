import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

/** Logged images: a paged list without bytes, and each image only as an image. */
describe("samples of a client", () => {
  let server: TestServer;
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const { prisma } = server.db;
    for (const name of ["demo-client", "second-client"]) {
      const client = await prisma.client.findUniqueOrThrow({ where: { name } });
      for (let i = 0; i < 3; i++) {
        const sample = await prisma.sample.create({
          data: {
            clientId: client.id,
            installationId: client.installationId,
            operation: "livenessdetection",
            frameIndex: i,
            at: new Date(Date.UTC(2026, 10, 1, 10, i)),
            contentType: i === 2 ? "text/html" : "image/png",
            data: new Uint8Array(Array.from({ length: 10 + i }, (_, n) => n)),
          },
        });
        if (name === "demo-client") ids.push(String(sample.id));
      }
    }
  });
  afterAll(async () => server?.stop());

  it("lists a client's samples newest first with their sizes, in pages", async () => {
    const page = await server.call<{ total: number; entries: { id: string; frameIndex: number; size: number; contentType: string }[] }>("support", "GET", "/api/clients/demo-client/samples?take=2");
    expect(page.total).toBe(3);
    expect(page.entries.map((e) => [e.id, e.frameIndex, e.size])).toEqual([[ids[2], 2, 12], [ids[1], 1, 11]]);
    const next = await server.call<{ entries: { id: string }[] }>("support", "GET", "/api/clients/demo-client/samples?take=2&skip=2");
    expect(next.entries.map((e) => e.id)).toEqual([ids[0]]);
    const ranged = await server.call<{ total: number }>("support", "GET", "/api/clients/demo-client/samples?from=2026-11-01T10:01:00Z&to=2026-11-01T10:02:00Z");
    expect(ranged.total).toBe(1);
  });

  it("serves the image bytes as stored, and anything that is not an image as a download", async () => {
    const token = await server.tokenFor("support");
    const image = await server.api(`/api/clients/demo-client/samples/${ids[1]}/image`, { token });
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("cache-control")).toContain("no-store");
    expect([...new Uint8Array(await image.arrayBuffer())]).toEqual(Array.from({ length: 11 }, (_, n) => n));
    const html = await server.api(`/api/clients/demo-client/samples/${ids[2]}/image`, { token });
    expect(html.headers.get("content-type")).toBe("application/octet-stream");
  });

  it("answers 404 for another client's sample and 403 for a viewer", async () => {
    const other = await server.db.prisma.sample.findFirstOrThrow({ where: { NOT: { id: { in: ids.map(BigInt) } } } });
    expect((await server.send("support", "GET", `/api/clients/demo-client/samples/${other.id}/image`)).status).toBe(404);
    expect((await server.send("viewer", "GET", "/api/clients/demo-client/samples")).status).toBe(403);
  });
});

import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import { NotFoundError } from "../errors.ts";
import type { SamplesQuery } from "./samples.schema.ts";

/**
 * Images a client logged (only while its "log images" setting is on), newest first.
 * Reading them needs "read client log, read samples"; the list carries no image bytes.
 */
export class SamplesService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(principal: Principal, name: string, query: SamplesQuery) {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "readClientLog", clientTarget(client));
    const where: Prisma.SampleWhereInput = {
      clientId: client.id,
      at: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) },
    };
    const [total, rows] = await Promise.all([
      this.prisma.sample.count({ where }),
      this.prisma.sample.findMany({
        where,
        orderBy: [{ at: "desc" }, { id: "desc" }],
        skip: query.skip,
        take: query.take,
        select: { id: true, at: true, operation: true, tokenId: true, frameIndex: true, contentType: true },
      }),
    ]);
    const sizes = rows.length
      ? await this.prisma.$queryRaw<{ id: bigint; size: number }[]>`SELECT "id", octet_length("data") AS size FROM "samples" WHERE "id" = ANY(${rows.map((r) => r.id)}::bigint[])`
      : [];
    const sizeOf = new Map(sizes.map((s) => [String(s.id), Number(s.size)]));
    return {
      total,
      skip: query.skip,
      take: query.take,
      entries: rows.map((row) => ({
        id: String(row.id),
        at: row.at.toISOString(),
        operation: row.operation,
        tokenId: row.tokenId,
        frameIndex: row.frameIndex,
        contentType: row.contentType,
        size: sizeOf.get(String(row.id)) ?? 0,
      })),
    };
  }

  async image(principal: Principal, name: string, id: bigint): Promise<{ contentType: string; data: Uint8Array }> {
    const client = await findClient(this.prisma, name);
    requireAccess(principal, "readClientLog", clientTarget(client));
    const sample = await this.prisma.sample.findFirst({ where: { id, clientId: client.id }, select: { contentType: true, data: true } });
    if (!sample) throw new NotFoundError(`Client '${name}' has no sample ${id}.`);
    return sample;
  }
}

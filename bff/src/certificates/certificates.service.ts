import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { clientTarget, findClient } from "../clients/find-client.ts";
import type { SecretBox } from "../crypto/secret-box.ts";
import { isUniqueViolation } from "../db/prisma-errors.ts";
import { BadRequestError, ConflictError, NotFoundError } from "../errors.ts";
import type { ClientSync } from "../sync/client-sync.ts";
import type { TaskRunner } from "../workers/worker-pool.ts";
import type { UploadCertificate } from "./certificates.schema.ts";

/**
 * Certificates belong to an installation (uploaded by its Owners/Editors) and are attached
 * to its clients. Private keys are stored as JWE under the data key and leave only as a
 * password-protected PKCS#12 download for those who may manage the client's certificates.
 * Reading uploads and building downloads run in the worker pool (certificate-parser.ts).
 */
const select = {
  id: true,
  installationId: true,
  name: true,
  subject: true,
  issuer: true,
  notBefore: true,
  notAfter: true,
  thumbprint: true,
  createdAt: true,
  clients: { select: { client: { select: { name: true } } } },
} as const satisfies Prisma.CertificateSelect;

type CertificateRow = Prisma.CertificateGetPayload<{ select: typeof select }>;
const privateKeyKind = "certificate-private-key";

function toView(row: CertificateRow) {
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    issuer: row.issuer,
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    expired: row.notAfter.getTime() <= Date.now(),
    thumbprint: row.thumbprint,
    clients: row.clients.map((c) => c.client.name),
    createdAt: row.createdAt.toISOString(),
  };
}

export class CertificatesService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
    private readonly sync: ClientSync,
    private readonly files: { tasks: TaskRunner; maxKdfIterations: number },
  ) {}

  async listForInstallation(principal: Principal, installationId: string) {
    await this.findInstallation(installationId);
    requireAccess(principal, "readInfo", { kind: "installation", id: installationId });
    const rows = await this.prisma.certificate.findMany({ where: { installationId }, select, orderBy: { name: "asc" } });
    return { items: rows.map(toView) };
  }

  async upload(principal: Principal, installationId: string, input: UploadCertificate) {
    await this.findInstallation(installationId);
    requireAccess(principal, "manageCertificates", { kind: "installation", id: installationId });
    const { name: _name, ...file } = input;
    const parsed = await this.files.tasks.run("parseCertificateUpload", { ...file, maxKdfIterations: this.files.maxKdfIterations });
    const privateKeyEnc = await this.box.seal(privateKeyKind, parsed.privateKeyPem);
    const row = await this.prisma
      .$transaction(async (tx) => {
        const created = await tx.certificate.create({
          data: {
            installationId,
            name: input.name ?? parsed.commonName,
            subject: parsed.subject,
            issuer: parsed.issuer,
            notBefore: parsed.notBefore,
            notAfter: parsed.notAfter,
            thumbprint: parsed.thumbprint,
            certificatePem: parsed.certificatePem,
            privateKeyEnc,
          },
          select,
        });
        await recordAudit(tx, principal, {
          action: "certificate.upload",
          objectType: "installation",
          objectId: installationId,
          installationId,
          after: { certificateId: created.id, name: created.name, subject: created.subject, thumbprint: created.thumbprint },
        });
        return created;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ConflictError(`The certificate with thumbprint ${parsed.thumbprint} is already uploaded to this installation.`);
        throw error;
      });
    return toView(row);
  }

  async remove(principal: Principal, installationId: string, certificateId: string) {
    const row = await this.findCertificate(certificateId, installationId);
    requireAccess(principal, "manageCertificates", { kind: "installation", id: installationId });
    if (row.clients.length) {
      throw new ConflictError(`The certificate is attached to ${row.clients.map((c) => `'${c.client.name}'`).join(", ")}; detach it first.`);
    }
    await this.prisma.$transaction(async (tx) => {
      await tx.certificate.delete({ where: { id: certificateId } });
      await recordAudit(tx, principal, {
        action: "certificate.delete",
        objectType: "installation",
        objectId: installationId,
        installationId,
        before: { certificateId, name: row.name, thumbprint: row.thumbprint },
      });
    });
  }

  async listForClient(principal: Principal, clientName: string) {
    const client = await findClient(this.prisma, clientName);
    requireAccess(principal, "readInfo", clientTarget(client));
    const rows = await this.prisma.certificate.findMany({ where: { clients: { some: { clientId: client.id } } }, select, orderBy: { name: "asc" } });
    return { items: rows.map(toView) };
  }

  /** The installation's certificates a client may attach, for whoever manages its certificates. */
  async attachableForClient(principal: Principal, clientName: string) {
    const client = await findClient(this.prisma, clientName);
    requireAccess(principal, "manageClientCertificates", clientTarget(client));
    const rows = await this.prisma.certificate.findMany({ where: { installationId: client.installationId }, select, orderBy: { name: "asc" } });
    return { items: rows.map(toView) };
  }

  async attach(principal: Principal, clientName: string, certificateId: string, attach: boolean) {
    const client = await findClient(this.prisma, clientName);
    requireAccess(principal, "manageClientCertificates", clientTarget(client));
    const certificate = await this.prisma.certificate.findUnique({ where: { id: certificateId }, select });
    if (!certificate) throw new NotFoundError(`There is no certificate with id '${certificateId}'.`);
    if (certificate.installationId !== client.installationId) {
      throw new BadRequestError("The certificate belongs to another installation than the client.");
    }
    await this.prisma.$transaction(async (tx) => {
      const key = { clientId_certificateId: { clientId: client.id, certificateId } };
      const existing = await tx.clientCertificate.findUnique({ where: key });
      if (attach && existing) return;
      if (!attach && !existing) throw new NotFoundError("The certificate is not attached to this client.");
      if (attach) await tx.clientCertificate.create({ data: { clientId: client.id, certificateId } });
      else await tx.clientCertificate.delete({ where: key });
      await tx.client.update({ where: { id: client.id }, data: { version: { increment: 1 } } });
      await this.sync.enqueueUpsert(tx, client.id);
      await recordAudit(tx, principal, {
        action: attach ? "client.certificate.attach" : "client.certificate.detach",
        objectType: "client",
        objectId: client.id,
        installationId: client.installationId,
        after: { certificateId, name: certificate.name, thumbprint: certificate.thumbprint },
      });
    });
  }

  async downloadPkcs12(principal: Principal, clientName: string, certificateId: string, password: string) {
    const client = await findClient(this.prisma, clientName);
    requireAccess(principal, "manageClientCertificates", clientTarget(client));
    const row = await this.prisma.certificate.findFirst({
      where: { id: certificateId, clients: { some: { clientId: client.id } } },
      select: { id: true, name: true, thumbprint: true, certificatePem: true, privateKeyEnc: true },
    });
    if (!row) throw new NotFoundError("The certificate is not attached to this client.");
    const privateKeyPem = await this.box.open(privateKeyKind, row.privateKeyEnc);
    const pkcs12 = Buffer.from(
      await this.files.tasks.run("buildPkcs12", { certificatePem: row.certificatePem, privateKeyPem, password, friendlyName: row.name }),
    );
    await this.prisma.$transaction((tx) =>
      recordAudit(tx, principal, {
        action: "client.certificate.download",
        objectType: "client",
        objectId: client.id,
        installationId: client.installationId,
        after: { certificateId, thumbprint: row.thumbprint },
      }),
    );
    return { fileName: `${row.name.replace(/[^\w.-]+/g, "_")}.pfx`, pkcs12 };
  }

  private async findInstallation(id: string) {
    const installation = await this.prisma.installation.findUnique({ where: { id }, select: { id: true } });
    if (!installation) throw new NotFoundError(`There is no installation with id '${id}'.`);
  }

  private async findCertificate(id: string, installationId: string) {
    const row = await this.prisma.certificate.findFirst({ where: { id, installationId }, select });
    if (!row) throw new NotFoundError(`There is no certificate with id '${id}' on this installation.`);
    return row;
  }
}

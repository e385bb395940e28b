import type { PrismaClient, Role } from "../generated/prisma/client.ts";
import { hashSecret } from "../crypto/password-hash.ts";

/**
 * Demo users (one per role, password `demo`), the installation `demo` (storage `bws`)
 * with `demo-client` (partition 1) and `second-client` (partition 2), and a second
 * installation `lab` that only the platform administrator sees.
 * Seeding is idempotent: existing rows are left as they are.
 */
export const demoPassword = "demo";

export const demoUsers = [
  { username: "admin", displayName: "Ada Admin", role: null, isPlatformAdmin: true },
  { username: "owner", displayName: "Olivia Owner", role: "OWNER", isPlatformAdmin: false },
  { username: "editor", displayName: "Eddie Editor", role: "EDIT", isPlatformAdmin: false },
  { username: "support", displayName: "Sam Support", role: "SUPPORT", isPlatformAdmin: false },
  { username: "viewer", displayName: "Vera Viewer", role: "VIEW", isPlatformAdmin: false },
] as const satisfies readonly { username: string; displayName: string; role: Role | null; isPlatformAdmin: boolean }[];

const day = 24 * 3600 * 1000;

export async function shouldSeedDemoData(prisma: PrismaClient, configured: boolean | undefined): Promise<boolean> {
  if (configured !== undefined) return configured;
  return (await prisma.user.count()) === 0;
}

export async function seedDemoData(prisma: PrismaClient, endpointUrl: string): Promise<void> {
  const passwordHash = await hashSecret(demoPassword);
  const now = Date.now();
  await prisma.$transaction(async (tx) => {
    const users = new Map<string, string>();
    for (const u of demoUsers) {
      const existing = await tx.user.findUnique({ where: { username: u.username } });
      const id = existing?.id ?? crypto.randomUUID();
      if (!existing) {
        await tx.user.create({
          data: {
            id,
            subject: id,
            username: u.username,
            displayName: u.displayName,
            email: `${u.username}@demo.local`,
            passwordHash,
            isPlatformAdmin: u.isPlatformAdmin,
          },
        });
      }
      users.set(u.username, id);
    }

    const demo = await ensureInstallation(tx, "demo", [endpointUrl]);
    await ensureClient(tx, demo, "demo-client", 1, new Date(now + 365 * day));
    await ensureClient(tx, demo, "second-client", 2, new Date(now + 180 * day));
    const lab = await ensureInstallation(tx, "lab", ["https://bws-lab.example.com"]);
    await ensureClient(tx, lab, "lab-client", 1, new Date(now + 90 * day));

    for (const u of demoUsers) {
      if (!u.role) continue;
      const userId = users.get(u.username)!;
      await tx.permission.upsert({
        where: { userId_installationId: { userId, installationId: demo.installationId } },
        create: {
          userId,
          installationId: demo.installationId,
          role: u.role,
          expiresAt: u.role === "SUPPORT" ? new Date(now + 90 * day) : null,
        },
        update: {},
      });
    }
  }, { timeout: 30_000 });
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

async function ensureInstallation(tx: Tx, name: string, endpointUrls: string[]) {
  const installation =
    (await tx.installation.findUnique({ where: { name } })) ?? (await tx.installation.create({ data: { name, endpointUrls } }));
  const storage = await tx.storage.upsert({
    where: { installationId_name: { installationId: installation.id, name: "bws" } },
    create: { installationId: installation.id, name: "bws" },
    update: {},
  });
  return { installationId: installation.id, storageId: storage.id };
}

async function ensureClient(tx: Tx, at: { installationId: string; storageId: string }, name: string, partition: number, expiresAt: Date) {
  await tx.client.upsert({
    where: { name },
    create: { name, partition, expiresAt, installationId: at.installationId, storageId: at.storageId },
    update: {},
  });
}

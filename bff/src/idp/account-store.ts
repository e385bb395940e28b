import type { PrismaClient } from "../generated/prisma/client.ts";
import { hashSecret, verifySecret } from "../crypto/password-hash.ts";
import type { ConcurrencyGate } from "../workers/concurrency-gate.ts";

/**
 * Accounts of the embedded identity provider are the users table's rows with a password.
 * - A failed sign-in costs the same scrypt work whether or not the user exists.
 * - Every scrypt passes the password-hashing gate: when it is full, `authenticate` throws
 *   its ServiceUnavailableError (503, Retry-After) instead of queueing without end.
 */
export interface Account {
  subject: string;
  username: string;
  displayName: string;
  email: string | null;
}

export class AccountStore {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly hashing: ConcurrencyGate,
  ) {}

  async findBySubject(subject: string): Promise<Account | undefined> {
    const user = await this.prisma.user.findUnique({ where: { subject } });
    return user ? toAccount(user) : undefined;
  }

  async authenticate(username: string, password: string): Promise<Account | undefined> {
    const user = await this.prisma.user.findUnique({ where: { username: username.trim().toLowerCase() } });
    if (!user?.passwordHash) {
      this.dummyHash ??= hashSecret("not a password");
      const dummy = await this.dummyHash;
      await this.hashing.run(() => verifySecret(password, dummy));
      return undefined;
    }
    const stored = user.passwordHash;
    return (await this.hashing.run(() => verifySecret(password, stored))) ? toAccount(user) : undefined;
  }
}

function toAccount(user: { subject: string; username: string; displayName: string; email: string | null }): Account {
  return { subject: user.subject, username: user.username, displayName: user.displayName, email: user.email };
}

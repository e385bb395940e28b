import type { PrismaClient } from "../generated/prisma/client.ts";
import { hashSecret, verifySecret } from "../crypto/password-hash.ts";

/**
 * Accounts of the embedded identity provider are the users table's rows with a password.
 * A failed sign-in costs the same scrypt work whether or not the user exists.
 */
export interface Account {
  subject: string;
  username: string;
  displayName: string;
  email: string | null;
}

export class AccountStore {
  private dummyHash?: Promise<string>;

  constructor(private readonly prisma: PrismaClient) {}

  async findBySubject(subject: string): Promise<Account | undefined> {
    const user = await this.prisma.user.findUnique({ where: { subject } });
    return user ? toAccount(user) : undefined;
  }

  async authenticate(username: string, password: string): Promise<Account | undefined> {
    const user = await this.prisma.user.findUnique({ where: { username: username.trim().toLowerCase() } });
    if (!user?.passwordHash) {
      this.dummyHash ??= hashSecret("not a password");
      await verifySecret(password, await this.dummyHash);
      return undefined;
    }
    return (await verifySecret(password, user.passwordHash)) ? toAccount(user) : undefined;
  }
}

function toAccount(user: { subject: string; username: string; displayName: string; email: string | null }): Account {
  return { subject: user.subject, username: user.username, displayName: user.displayName, email: user.email };
}

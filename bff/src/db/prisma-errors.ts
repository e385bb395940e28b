import { Prisma } from "../generated/prisma/client.ts";

/** P2002: a unique constraint refused the write (PGlite and pg adapters alike). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** P2025: the row to update or delete does not exist (any more). */
export function isNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

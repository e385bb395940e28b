import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { grantsAccessSomewhere, type Principal } from "../access/can.ts";
import { ForbiddenError } from "../errors.ts";
import { cursorAfter, type UserSearchQuery } from "./users.schema.ts";
import { userView } from "./user-view.ts";

/**
 * The user directory behind the user picker, on a need-to-know basis. Rules:
 * - Only those who may grant something search it: platform administrators, installation
 *   Owners and client Owners. Installation Editors, Support and View users grant nothing.
 * - A query has at least 2 characters (schema); answers come in pages ordered by username.
 * - Everyone but platform administrators gets username and display name only, matched on
 *   those two fields: e-mail addresses are neither shown nor searchable.
 * - Everyone but platform administrators does not find platform administrators: they reach
 *   everything already, so a grant to one changes nothing, and their accounts are the ones
 *   most worth attacking.
 */
export class UsersService {
  constructor(private readonly prisma: PrismaClient) {}

  async search(principal: Principal, query: UserSearchQuery) {
    if (!grantsAccessSomewhere(principal)) {
      throw new ForbiddenError("Only platform administrators and Owners can look up users to give them access.");
    }
    const admin = principal.isPlatformAdmin;
    const contains = { contains: query.q, mode: "insensitive" as const };
    const where: Prisma.UserWhereInput = {
      AND: [
        { OR: [{ username: contains }, { displayName: contains }, ...(admin ? [{ email: contains }] : [])] },
        admin ? {} : { isPlatformAdmin: false },
        query.cursor === undefined ? {} : { username: { gt: query.cursor } },
      ],
    };
    const rows = await this.prisma.user.findMany({
      where,
      select: { id: true, username: true, displayName: true, email: true },
      orderBy: { username: "asc" },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const more = rows.length > query.limit;
    return {
      items: page.map((user) => userView(principal, user)),
      nextCursor: more ? cursorAfter(page.at(-1)!.username) : null,
    };
  }
}

import type { ChangeFeed } from "../db/change-feed.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Principal } from "../access/can.ts";
import { loadPrincipal } from "./load-principal.ts";
import type { Introspection } from "./token-introspector.ts";

/**
 * The principals (user and grants) of recent callers, so an API request costs no database
 * round trip to learn who is calling.
 * Rules:
 * - A change to a user's row or to any of their permissions (grant, change, revoke, expiry
 *   edit, cascade from a deleted client or installation) evicts that user on every instance
 *   through the change feed, within milliseconds of the commit; a write of this instance
 *   drops everything at once (see change-feed.ts), so its author never reads stale rights.
 * - While the feed is down nothing is served from memory; an entry is never older than
 *   `maxAgeMs` either way. Grant expiry is judged at use time (can.ts), not at load.
 * - At most `maxEntries` principals are kept (oldest loaded first out).
 */
interface Entry {
  principal: Principal;
  at: number;
}

export class PrincipalCache {
  private readonly bySubject = new Map<string, Entry>();
  private readonly subjectOfUser = new Map<string, string>();
  /** Sequence number of the last change announced per user (a counter, not a clock). */
  private readonly changedSeq = new Map<string, number>();
  private seq = 0;
  /** Loads that started before this sequence number are not kept (changedSeq was trimmed). */
  private floorSeq = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly changes: ChangeFeed,
    private readonly maxAgeMs = 30_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    const evict = (userId: string) => {
      this.changedSeq.set(userId, ++this.seq);
      const subject = this.subjectOfUser.get(userId);
      if (subject) this.bySubject.delete(subject);
    };
    changes.subscribe("users", evict);
    changes.subscribe("permissions", evict);
    const forgetAll = () => {
      this.floorSeq = ++this.seq;
      this.bySubject.clear();
      this.subjectOfUser.clear();
    };
    changes.onReset(forgetAll);
    changes.onLocalWrite(forgetAll);
  }

  async load(subject: string, token: Introspection): Promise<Principal> {
    const cached = this.bySubject.get(subject);
    if (cached && this.now() - cached.at < this.maxAgeMs && this.changes.healthy) return cached.principal;
    const startSeq = this.seq;
    const principal = await loadPrincipal(this.prisma, subject, token);
    // A change announced while we were reading may not be in what we read: don't keep it.
    if (this.changes.healthy && Math.max(this.changedSeq.get(principal.userId) ?? 0, this.floorSeq) <= startSeq) this.remember(subject, principal);
    return principal;
  }

  private remember(subject: string, principal: Principal): void {
    if (this.bySubject.size >= this.maxEntries) {
      const oldest = this.bySubject.keys().next().value;
      if (oldest !== undefined) this.bySubject.delete(oldest);
    }
    this.bySubject.delete(subject);
    this.bySubject.set(subject, { principal, at: this.now() });
    this.subjectOfUser.set(principal.userId, subject);
    if (this.changedSeq.size > 10_000) {
      this.changedSeq.clear();
      this.floorSeq = ++this.seq;
    }
  }
}

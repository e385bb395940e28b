import { createHash } from "node:crypto";
import { z } from "zod";
import { ServiceUnavailableError } from "../errors.ts";

/**
 * Checks bearer tokens at the issuer's RFC 7662 introspection endpoint.
 * Rules:
 * - Active results are cached until the token's `exp`, and never longer than the cache age
 *   (INTROSPECTION_CACHE_SECONDS): with an external issuer that age bounds how long a
 *   revoked token keeps working.
 * - With the embedded issuer, revoking a token, its grant or its session deletes it in the
 *   database, whose change feed evicts it here on every instance at once (`evict`); while
 *   the feed is down (`canCache` false) nothing is cached.
 * - A result asked for before an eviction of the same token is not cached afterwards, so a
 *   check that raced a revocation cannot bring the token back.
 * - Inactive results are never cached: a token might become valid only by a new login.
 * - An issuer that cannot be reached, times out or refuses the BFF's credentials is a
 *   503 for the caller; a request is never let through without an answer.
 * - An issuer that refuses the token itself (400 `unsupported_token_type` or
 *   `invalid_token`) has answered: the token is not active. oidc-provider answers so to any
 *   JWT-shaped token, since its access tokens are opaque (reject_structured_tokens.js).
 * - Raw tokens are not kept in memory: the cache is keyed by their SHA-256.
 */
const introspectionSchema = z.looseObject({
  active: z.boolean(),
  sub: z.string().optional(),
  scope: z.string().optional(),
  exp: z.number().optional(),
  client_id: z.string().optional(),
  username: z.string().optional(),
});
export type Introspection = z.infer<typeof introspectionSchema>;

export interface TokenIntrospectorOptions {
  /** Resolves the introspection endpoint (embedded: fixed; external: from discovery). */
  endpoint: () => Promise<string>;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  maxCacheAgeMs?: number;
  maxCacheEntries?: number;
  /** False while revocations could go unnoticed (the change feed is down). */
  canCache?: () => boolean;
  now?: () => number;
}

interface CacheEntry {
  result: Introspection;
  until: number;
}

export class TokenIntrospector {
  private readonly cache = new Map<string, CacheEntry>();
  /** Sequence number of each token's last eviction (a counter, not a clock). */
  private readonly evictedSeq = new Map<string, number>();
  private seq = 0;
  /** Checks that started before this sequence number are not cached (evictedSeq was trimmed). */
  private floorSeq = 0;
  private readonly now: () => number;

  constructor(private readonly options: TokenIntrospectorOptions) {
    this.now = options.now ?? Date.now;
  }

  async introspect(token: string): Promise<Introspection> {
    const key = cacheKey(token);
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now() && this.cachingAllowed()) return cached.result;
    if (cached) this.cache.delete(key);
    const askedSeq = this.seq;
    const result = await this.ask(token);
    if (result.active && this.cachingAllowed() && Math.max(this.evictedSeq.get(key) ?? 0, this.floorSeq) <= askedSeq) this.remember(key, result);
    return result;
  }

  /** Forgets a token, given as the SHA-256 of its value (hex), as the change feed names it. */
  evict(sha256Hex: string): void {
    const key = Buffer.from(sha256Hex, "hex").toString("base64url");
    this.cache.delete(key);
    // Only checks still in flight need this; a bound keeps it small under mass revocation.
    if (this.evictedSeq.size >= 10_000) {
      this.evictedSeq.clear();
      this.floorSeq = this.seq + 1;
    }
    this.evictedSeq.set(key, ++this.seq);
  }

  /** Forgets everything (the change feed may have missed revocations). */
  clear(): void {
    this.cache.clear();
  }

  private cachingAllowed(): boolean {
    return this.options.canCache?.() ?? true;
  }

  private async ask(token: string): Promise<Introspection> {
    let response: Response;
    try {
      const endpoint = await this.options.endpoint();
      const credentials = `${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(this.options.clientSecret)}`;
      response = await fetch(endpoint, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(credentials).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: new URLSearchParams({ token, token_type_hint: "access_token" }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch {
      throw new ServiceUnavailableError("The identity provider cannot be reached. Try again in a moment.");
    }
    if (response.status === 400 && refusesTheToken(await response.json().catch(() => undefined))) return { active: false };
    if (!response.ok) {
      throw new ServiceUnavailableError(`The identity provider refused the token check (HTTP ${response.status}).`);
    }
    const parsed = introspectionSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ServiceUnavailableError("The identity provider gave an unreadable token check answer.");
    return parsed.data;
  }

  private remember(key: string, result: Introspection): void {
    const now = this.now();
    const until = Math.min(now + (this.options.maxCacheAgeMs ?? 30_000), (result.exp ?? 0) * 1000);
    if (until <= now) return;
    if (this.cache.size >= (this.options.maxCacheEntries ?? 10_000)) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, { result, until });
  }
}

function cacheKey(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

const tokenRefusals = new Set(["unsupported_token_type", "invalid_token"]);

function refusesTheToken(body: unknown): boolean {
  const error = (body as { error?: unknown } | undefined)?.error;
  return typeof error === "string" && tokenRefusals.has(error);
}

/** Discovery for an external issuer: fetched once, retried after a failure. */
export function discoveredIntrospectionEndpoint(issuer: string, timeoutMs = 5000): () => Promise<string> {
  let endpoint: Promise<string> | undefined;
  return () => {
    endpoint ??= (async () => {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      const document = z.object({ introspection_endpoint: z.url() }).parse(await response.json());
      return document.introspection_endpoint;
    })().catch((error: unknown) => {
      endpoint = undefined;
      throw error;
    });
    return endpoint;
  };
}

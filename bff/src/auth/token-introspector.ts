import { createHash } from "node:crypto";
import { z } from "zod";
import { ServiceUnavailableError } from "../errors.ts";

/**
 * Checks bearer tokens at the issuer's RFC 7662 introspection endpoint.
 * Rules:
 * - Active results are cached until the token's `exp`, and never longer than 60 s.
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
  now?: () => number;
}

interface CacheEntry {
  result: Introspection;
  until: number;
}

export class TokenIntrospector {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly now: () => number;

  constructor(private readonly options: TokenIntrospectorOptions) {
    this.now = options.now ?? Date.now;
  }

  async introspect(token: string): Promise<Introspection> {
    const key = createHash("sha256").update(token).digest("base64url");
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.result;
    if (cached) this.cache.delete(key);

    const result = await this.ask(token);
    if (result.active) this.remember(key, result);
    return result;
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
    const until = Math.min(now + (this.options.maxCacheAgeMs ?? 60_000), (result.exp ?? 0) * 1000);
    if (until <= now) return;
    if (this.cache.size >= (this.options.maxCacheEntries ?? 10_000)) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, { result, until });
  }
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

import { z } from "zod";

/**
 * Where Swagger UI signs in: the issuer's authorization and token endpoints.
 * - Embedded IdP: oidc-provider's fixed routes under $PUBLIC_URL/oidc.
 * - External issuer: its discovery document, fetched once when first needed and again
 *   after a failure (the issuer may start after the BFF).
 */
export interface OAuthEndpoints {
  authorizationUrl: string;
  tokenUrl: string;
}

export type OAuthEndpointsSource = () => Promise<OAuthEndpoints>;

export function embeddedOAuthEndpoints(issuer: string): OAuthEndpointsSource {
  const endpoints = { authorizationUrl: `${issuer}/auth`, tokenUrl: `${issuer}/token` };
  return async () => endpoints;
}

const discoverySchema = z.object({ authorization_endpoint: z.url(), token_endpoint: z.url() });

export function discoveredOAuthEndpoints(issuer: string, timeoutMs = 5000): OAuthEndpointsSource {
  let endpoints: Promise<OAuthEndpoints> | undefined;
  return () => {
    endpoints ??= (async () => {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      const document = discoverySchema.parse(await response.json());
      return { authorizationUrl: document.authorization_endpoint, tokenUrl: document.token_endpoint };
    })().catch((error: unknown) => {
      endpoints = undefined;
      throw error;
    });
    return endpoints;
  };
}

import { hkdfSync } from "node:crypto";
import { Router } from "express";
import { exportJWK, generateKeyPair } from "jose";
import type Provider from "oidc-provider";
import type { JWK } from "oidc-provider";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { randomSecret, type SystemSecrets } from "../crypto/system-secrets.ts";
import { AccountStore } from "./account-store.ts";
import { createInteractionsRouter } from "./interactions.routes.ts";
import { createProvider } from "./provider.ts";

/**
 * Everything the embedded identity provider needs, generated once and shared by all
 * instances through the database: its signing key and the secrets of its confidential
 * clients. Cookie keys derive from the data key, so instances agree on them too.
 */
export interface EmbeddedIdp {
  provider: Provider;
  /** Mounted at /oidc: interactions first, then the provider itself. */
  router: Router;
  issuer: string;
  scriptsClientSecret: string;
  /** configured: SCRIPTS_CLIENT_SECRET; generated: by this start (print it once); stored: by an earlier start. */
  scriptsClientSecretOrigin: "configured" | "generated" | "stored";
  introspectionClientId: string;
  introspectionClientSecret: string;
}

export interface EmbeddedIdpDeps {
  publicUrl: string;
  portalClientId: string;
  prisma: PrismaClient;
  secrets: SystemSecrets;
  dataKey: Uint8Array;
  scriptsClientSecret?: string;
  introspectionClientId?: string;
  introspectionClientSecret?: string;
  demoHint: boolean;
}

/** The system secret that holds the generated bws-scripts client secret. */
export const scriptsClientSecretName = "scripts-client-secret";

export async function createEmbeddedIdp(deps: EmbeddedIdpDeps): Promise<EmbeddedIdp> {
  const issuer = `${deps.publicUrl}/oidc`;
  const signingKey = JSON.parse(await deps.secrets.getOrCreate("oidc-signing-key", generateSigningKey)) as JWK;
  // A configured secret is used as it is and never stored, so nothing can print it later;
  // the generated one stays stored for when the configuration is removed.
  const generated = deps.scriptsClientSecret ? undefined : await deps.secrets.getOrCreateReporting(scriptsClientSecretName, () => randomSecret());
  const scriptsClientSecret = deps.scriptsClientSecret ?? generated!.value;
  const scriptsClientSecretOrigin = deps.scriptsClientSecret ? "configured" : generated!.created ? "generated" : "stored";
  const introspectionClientId = deps.introspectionClientId ?? "bws-bff";
  const introspectionClientSecret =
    deps.introspectionClientSecret ?? (await deps.secrets.getOrCreate("introspection-client-secret", () => randomSecret()));
  const cookieKey = Buffer.from(hkdfSync("sha256", deps.dataKey, "bws-portal", "oidc-cookie-key", 32)).toString("base64url");

  const accounts = new AccountStore(deps.prisma);
  const provider = createProvider({
    issuer,
    publicUrl: deps.publicUrl,
    portalClientId: deps.portalClientId,
    scriptsClientSecret,
    introspectionClientId,
    introspectionClientSecret,
    signingKey,
    cookieKeys: [cookieKey],
    prisma: deps.prisma,
    accounts,
  });

  const router = Router();
  router.use(createInteractionsRouter(provider, accounts, deps.demoHint));
  router.use(provider.callback());
  return { provider, router, issuer, scriptsClientSecret, scriptsClientSecretOrigin, introspectionClientId, introspectionClientSecret };
}

async function generateSigningKey(): Promise<string> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  return JSON.stringify({ ...jwk, alg: "RS256", use: "sig", kid: randomSecret(8) });
}

import { decodeJwt, jwtVerify } from "jose";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { UnauthorizedError } from "../errors.ts";
import { isUnsafeText } from "../http/unsafe-text.ts";
import type { SigningKeys } from "./signing-keys.ts";
import { taskFlags, type BwsTokenClaims } from "./token-claims.ts";

/**
 * Checks a BWS token presented as `Authorization: Bearer <token>` to the BWS Web APIs
 * the BFF serves (the playground's livenessdetection).
 * - The signature must verify with one of the issuing client's installation keys.
 * - nbf/exp are enforced (5 s clock tolerance); the issuer must be "BWS".
 * - Every use takes one try, counted in the shared database; more than `maxtries`
 *   (the task's low four bits) are refused.
 */
export interface VerifiedToken {
  claims: BwsTokenClaims;
  client: { id: string; name: string; installationId: string; logImages: boolean };
  tries: number;
  maxTries: number;
  /** The portal user a playground token was issued to; undefined for Token Web API tokens. */
  issuedTo?: string;
}

export class BwsTokenVerifier {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly keys: SigningKeys,
  ) {}

  async verify(authorization: string | undefined): Promise<VerifiedToken> {
    const token = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)\s*$/i.exec(authorization ?? "")?.[1];
    if (!token) throw new UnauthorizedError("A BWS token is required: send 'Authorization: Bearer <token>'.", 'Bearer realm="BWS"');
    let clnt: unknown;
    try {
      clnt = decodeJwt(token)["clnt"];
    } catch {
      clnt = undefined;
    }
    // The claim is read before the signature is checked: text no client name can hold is no client.
    const client = typeof clnt === "string" && !isUnsafeText(clnt)
      ? await this.prisma.client.findUnique({ where: { name: clnt }, select: { id: true, name: true, installationId: true, logImages: true } })
      : null;
    if (!client) throw new UnauthorizedError("The BWS token is not valid.", 'Bearer realm="BWS"');
    let claims: BwsTokenClaims | undefined;
    for (const key of await this.keys.verifying(client.installationId)) {
      try {
        claims = (await jwtVerify(token, key.secret, { issuer: "BWS", clockTolerance: 5, algorithms: ["HS256"] })).payload as unknown as BwsTokenClaims;
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") {
          throw new UnauthorizedError("The BWS token has expired or is not yet valid.", 'Bearer realm="BWS"');
        }
      }
    }
    if (!claims) throw new UnauthorizedError("The BWS token is not valid.", 'Bearer realm="BWS"');
    const maxTries = claims.task & taskFlags.maxTriesMask;
    const [row] = await this.prisma.$queryRawUnsafe<{ tries: number; issued_to: string | null }[]>(
      `INSERT INTO "token_tries" ("token_id", "tries", "expires_at") VALUES ($1::uuid, 1, to_timestamp($2) AT TIME ZONE 'UTC')
       ON CONFLICT ("token_id") DO UPDATE SET "tries" = "token_tries"."tries" + 1 RETURNING "tries", "issued_to"::text AS "issued_to"`,
      claims.tokenid,
      claims.exp,
    );
    const tries = row?.tries ?? 1;
    if (tries > maxTries) throw new UnauthorizedError(`This BWS token has used all of its ${maxTries} tries.`, 'Bearer realm="BWS"');
    return { claims, client, tries, maxTries, issuedTo: row?.issued_to ?? undefined };
  }
}

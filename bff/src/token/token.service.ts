import type { PrismaClient } from "../generated/prisma/client.ts";
import { AppError, BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from "../errors.ts";
import { isWellFormedAppId, verifyAppSecret } from "../keys/app-secret.ts";
import type { UsageRecorder } from "../usage/usage-events.ts";
import type { AppThrottle } from "./app-throttle.ts";
import type { Principal } from "../access/can.ts";
import { requireAccess } from "../access/require-access.ts";
import { clientTarget } from "../clients/find-client.ts";
import { buildClaims, traitFlags, type BwsTokenClaims } from "./token-claims.ts";
import { parseBcid, type TokenQuery } from "./token.schema.ts";
import type { SigningKeys } from "./signing-keys.ts";
import { signHs256Jwt } from "./hs256-jwt.ts";
import type { PlaygroundLimits } from "../playground/playground-limits.ts";
import type { KeyLastUsed } from "./key-last-used.ts";
import type { WebApiKeyCache } from "./web-api-key-cache.ts";

/**
 * Issues BWS tokens (GET /extension/token, seed 001/002).
 * Order of checks, each with the seed's status code:
 * 401 no or malformed Basic credentials (nothing read or counted) → 429 a source address
 * that sent too many unknown App-IDs → 401 unknown App-ID → 429 a source address blocked
 * for this App-ID after wrong secrets → 401 wrong secret, ended key → 429 throttled App-ID
 * → 400 invalid parameters or BCID → 403 `id` not the authenticated App-ID, expired
 * client, or a BCID outside the client's storage and partition (limits: app-throttle.ts).
 * Every answer after authentication counts in the client's usage.
 */
const basicRealm = 'Basic realm="BWS"';

export class TokenService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly keys: SigningKeys,
    private readonly throttle: AppThrottle,
    private readonly usage: UsageRecorder,
    private readonly playgroundLimits: PlaygroundLimits,
    private readonly credentials: WebApiKeyCache,
    private readonly lastUsed: KeyLastUsed,
  ) {}

  async issue(credentials: { appId: string; secret: string } | undefined, source: string, parseQuery: () => TokenQuery): Promise<string> {
    if (!credentials) throw new UnauthorizedError("Basic authentication with App-ID and App-Secret is required.", basicRealm);
    const { appId, secret } = credentials;
    if (!isWellFormedAppId(appId)) throw new UnauthorizedError("The App-ID or App-Secret is not valid.", basicRealm);
    await this.throttle.assertSourceNotBlocked(source);
    const key = await this.credentials.find(appId);
    if (!key) {
      await this.throttle.recordUnknownAppId(source);
      throw new UnauthorizedError("The App-ID or App-Secret is not valid.", basicRealm);
    }
    await this.throttle.assertNotBlocked(appId, source);
    const right = verifyAppSecret(secret, key.secretHash);
    await this.throttle.recordSecret(appId, source, right);
    if (!right) throw new UnauthorizedError("The App-ID or App-Secret is not valid.", basicRealm);
    if (key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) {
      throw new UnauthorizedError("This Web API key has expired or was revoked.", basicRealm);
    }
    const { client } = key;
    const started = Date.now();
    try {
      await this.throttle.countRequest(appId);
      const query = parseQuery();
      if (query.id !== appId) throw new ForbiddenError("The id parameter does not match the authenticated App-ID.");
      if (client.expiresAt.getTime() <= Date.now()) throw new ForbiddenError(`The client '${client.name}' has expired.`);
      let bcid: string | undefined;
      if (query.bcid !== undefined && query.bcid !== "") {
        const parsed = parseBcid(query.bcid);
        if (!parsed) throw new BadRequestError("An invalid BCID has been specified.", "InvalidBcid");
        if (parsed.storage.toLowerCase() !== client.storageName || parsed.partition !== client.partition) {
          throw new ForbiddenError("The BCID is outside the client's storage and partition.");
        }
        bcid = `${parsed.storage}/${parsed.partition}/${parsed.classId}`;
      } else if (query.task !== "livenessdetection") {
        throw new BadRequestError("An invalid BCID has been specified: bcid is required for this task.", "InvalidBcid");
      }
      const claims = buildClaims(
        { task: query.task, maxTries: query.maxtries, liveDetection: query.livedetection, challenge: query.challenge, challenges: query.challenges, autoEnroll: query.autoenroll, traits: query.traits, bcid },
        { clientName: client.name, appId, audience: client.audience },
      );
      const token = await this.sign(claims, client.installationId);
      this.usage.record({ clientId: client.id, installationId: client.installationId, operation: "token", result: "success", durationMs: Date.now() - started });
      this.lastUsed.touch(key.id);
      return token;
    } catch (error) {
      const code = error instanceof AppError ? error.code : "InternalError";
      this.usage.record({ clientId: client.id, installationId: client.installationId, operation: "token", result: "error", errorCode: code, durationMs: Date.now() - started });
      throw error;
    }
  }

  /**
   * A livenessdetection token with challenge-response for the playground, issued to a
   * signed-in user who may read the client: the browser never holds an App-Secret. It
   * carries PLAYGROUND_CHALLENGES challenges per try (4·3³ = 108 possible sequences,
   * where three gave 36). Its tries row records the user, whose limits its liveness
   * attempts and failures count against.
   */
  async issueForPlayground(principal: Principal, clientName: string): Promise<{ token: string; claims: BwsTokenClaims }> {
    await this.playgroundLimits.takeTokenForUser(principal);
    const client = await this.prisma.client.findUnique({
      where: { name: clientName },
      select: { id: true, name: true, installationId: true, expiresAt: true, installation: { select: { endpointUrls: true } } },
    });
    if (!client) throw new NotFoundError(`There is no client named '${clientName}'.`);
    requireAccess(principal, "readInfo", clientTarget(client));
    if (client.expiresAt.getTime() <= Date.now()) throw new ForbiddenError(`The client '${client.name}' has expired.`);
    await this.playgroundLimits.takeTokenForClient(client);
    const claims = buildClaims(
      { task: "livenessdetection", maxTries: 3, liveDetection: true, challenge: true, challenges: PLAYGROUND_CHALLENGES, autoEnroll: false, traits: traitFlags.face },
      { clientName: client.name, appId: playgroundAppId, audience: client.installation.endpointUrls[0] ?? "" },
    );
    const token = await this.sign(claims, client.installationId);
    await this.prisma.tokenTry.create({ data: { tokenId: claims.tokenid, tries: 0, expiresAt: new Date(claims.exp * 1000), userId: principal.userId } });
    this.usage.record({ clientId: client.id, installationId: client.installationId, operation: "token", result: "success" });
    return { token, claims };
  }

  private async sign(claims: BwsTokenClaims, installationId: string): Promise<string> {
    const signing = await this.keys.current(installationId);
    return signHs256Jwt(claims, signing.hmacKey);
  }
}

/** Challenges per try of a playground token (seeds 001/002 allow 2-7). */
export const PLAYGROUND_CHALLENGES = 4;

/** The `app` claim of playground tokens: they are issued by the portal, not by a Web API key. */
export const playgroundAppId = "bws-portal-playground";

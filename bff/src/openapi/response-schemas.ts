import { z } from "zod";
import { roleNames } from "../access/access-table.ts";

/**
 * The main response bodies, for the OpenAPI document only (the services build them).
 * Loose objects: the documented fields are there, more may follow.
 */
const isoDate = z.string().meta({ format: "date-time" });
const role = z.enum(roleNames).nullable();
const reference = z.looseObject({ id: z.uuid(), name: z.string() });

export const errorBody = z
  .object({
    Message: z.string().meta({ description: "What went wrong, for a person to read." }),
    Code: z.string().meta({ description: "Stable machine-readable code, e.g. ValidationFailed, Forbidden, NotFound." }),
  })
  .meta({ description: "Every error of the BFF." });

const page = <T extends z.ZodType>(item: T) => z.looseObject({ items: z.array(item), total: z.int() });
const list = <T extends z.ZodType>(item: T) => z.looseObject({ items: z.array(item) });

export const clientSummary = z.looseObject({
  id: z.uuid(),
  name: z.string(),
  installation: reference,
  storage: z.string(),
  partition: z.int(),
  expiresAt: isoDate,
  expired: z.boolean(),
  identification: z.boolean(),
  role,
});

export const clientDetail = clientSummary.extend({
  logging: z.looseObject({ logImages: z.boolean(), level: z.string(), retentionDays: z.int() }),
  version: z.int(),
  allowed: z.array(z.string()).meta({ description: "The access operations the caller may perform on this client." }),
  keyCount: z.int(),
  certificateCount: z.int(),
});

export const installation = z.looseObject({
  id: z.uuid(),
  name: z.string(),
  endpointUrls: z.array(z.string()),
  storages: z.array(z.string()),
  clientCount: z.int(),
  connectionString: z.looseObject({ configured: z.boolean(), masked: z.string().nullable() }),
  role,
});

export const webApiKey = z.looseObject({
  appId: z.string(),
  label: z.string(),
  status: z.enum(["active", "expiring", "expired", "revoked"]),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  lastUsedAt: isoDate.nullable(),
});

export const newWebApiKey = webApiKey.extend({
  appSecret: z.string().meta({ description: "Shown this once; only its hash is stored." }),
});

export const certificate = z.looseObject({
  id: z.uuid(),
  name: z.string(),
  subject: z.string(),
  issuer: z.string(),
  notBefore: isoDate,
  notAfter: isoDate,
  expired: z.boolean(),
  thumbprint: z.string(),
  clients: z.array(z.string()),
});

/** A user as the directory and permission lists show them. */
export const userSummary = z.looseObject({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable().optional().meta({ description: "Only for platform administrators; absent for everyone else." }),
});

export const permission = z.looseObject({
  user: userSummary,
  role: z.enum(roleNames),
  expiresAt: isoDate.nullable(),
  expired: z.boolean(),
  grantedBy: z.string().nullable(),
});

export const syncStatus = z.looseObject({
  state: z.enum(["notConnected", "inSync", "pending", "failed"]),
  pending: z.int(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoDate.nullable(),
});

export const me = z.looseObject({
  id: z.uuid(),
  username: z.string(),
  isPlatformAdmin: z.boolean(),
  installations: z.array(z.looseObject({ id: z.uuid(), name: z.string(), role: z.enum(roleNames), expiresAt: isoDate.nullable() })),
  clients: z.array(z.looseObject({ id: z.uuid(), name: z.string(), installationId: z.uuid(), role: z.enum(roleNames), expiresAt: isoDate.nullable() })),
});

export const auditEvent = z.looseObject({
  id: z.uuid(),
  at: isoDate,
  actor: z.string(),
  action: z.string(),
  objectType: z.enum(["installation", "client"]),
  objectId: z.string(),
  objectName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const playgroundToken = z.looseObject({
  token: z.string().meta({ description: "A BWS token (HS256 JWT) for livenessdetection." }),
  challenges: z.array(z.array(z.enum(["left", "right", "up", "down"]))),
  maxTries: z.int(),
  expiresAt: isoDate,
});

export const livenessResult = z.object({
  Success: z.boolean(),
  ErrorString: z.string().nullable(),
  Tries: z.int(),
  MaxTries: z.int(),
});

export const health = z.looseObject({ status: z.string() });

export const responses = {
  clientPage: page(clientSummary),
  installationPage: page(installation),
  keyList: list(webApiKey),
  certificateList: list(certificate),
  permissionList: list(permission),
  auditPage: page(auditEvent),
  userPage: z.looseObject({
    items: z.array(userSummary),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  }),
  retrying: z.object({ retrying: z.int().meta({ description: "How many waiting changes were made due now." }) }),
  connectionString: z.object({ connectionString: z.string().nullable() }),
};

export const usage = z.looseObject({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(["hour", "day"]),
  total: z.number(),
  successRate: z.number().nullable(),
  series: z.array(z.object({ name: z.string(), points: z.array(z.object({ at: z.string(), count: z.number() })) })),
  topErrors: z.array(z.object({ code: z.string(), count: z.number() })),
  durationMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
});

export const usageOverview = usage.extend({
  installations: z.array(z.object({ id: z.uuid(), name: z.string(), total: z.number(), successRate: z.number().nullable(), errors: z.number() })),
  topClients: z.array(z.object({ name: z.string(), installation: z.string(), total: z.number() })),
});

export const bwsLogEntry = z.object({
  id: z.string(),
  at: isoDate,
  client: z.string(),
  instance: z.string().nullable(),
  operation: z.string().meta({ description: "token, verify, identify, enroll, livenessdetection, ..." }),
  result: z.enum(["success", "failure", "error"]),
  errorCode: z.string().nullable(),
  durationMs: z.number().nullable(),
  bcid: z.string().nullable().meta({ description: "`storage.partition.classId` when the call concerned a class" }),
  source: z.enum(["bws", "bff"]).meta({ description: "bws: imported from the installation's bwslog; bff: served by the BFF" }),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const bwsLogPage = z.object({
  from: isoDate,
  to: isoDate,
  total: z.int(),
  skip: z.int(),
  take: z.int(),
  entries: z.array(bwsLogEntry),
});

export const biometricClass = z.object({
  bcid: z.string().meta({ description: "`storage.partition.classId`" }),
  classId: z.int(),
  traits: z.array(z.object({ trait: z.string(), templates: z.int() })),
  enrolledAt: isoDate,
  updatedAt: isoDate,
});

export const classList = z.array(biometricClass);
export const classCount = z.int().min(0).meta({ description: "Number of classes with templates of the trait" });
export const queued = z.object({ Message: z.string() });

export const samplePage = z.object({
  total: z.int(),
  skip: z.int(),
  take: z.int(),
  entries: z.array(
    z.object({
      id: z.string(),
      at: isoDate,
      operation: z.string(),
      tokenId: z.string().nullable(),
      frameIndex: z.int(),
      contentType: z.string(),
      size: z.int(),
    }),
  ),
});

export const diagnostics = z.object({
  entries: z.array(
    z.object({
      at: isoDate,
      level: z.enum(["warning", "error"]),
      source: z.enum(["sync", "import"]),
      client: z.string().nullable(),
      message: z.string(),
    }),
  ),
});

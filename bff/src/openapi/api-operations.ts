import { auditQuery } from "../audit/audit.schema.ts";
import { certificateIdParam, downloadBody, uploadCertificateBody } from "../certificates/certificates.schema.ts";
import { clientNameParam, createClientBody, listClientsQuery, ownershipBody, updateClientBody } from "../clients/clients.schema.ts";
import { createInstallationBody, installationIdParam, updateInstallationBody } from "../installations/installations.schema.ts";
import { appIdParam, createKeyBody, rotateKeyBody } from "../keys/keys.schema.ts";
import { grantBody, userIdParam } from "../permissions/permissions.schema.ts";
import { userSearchQuery } from "../users/users.schema.ts";
import { usageQuery } from "../usage/usage.schema.ts";
import { bwsLogQuery } from "../bwslog/bwslog.schema.ts";
import { classIdParam, classPatternParam, listClassesQuery, traitParam } from "../classes/classes.schema.ts";
import { sampleIdParam, samplesQuery } from "../samples/samples.schema.ts";
import { created, noContent, ok, type ApiOperation } from "./api-operation.ts";
import { outsideApiOperations } from "./outside-api-operations.ts";
import * as body from "./response-schemas.ts";

const client = [clientNameParam] as const;
const installation = [installationIdParam] as const;

/**
 * Every operation the BFF answers outside the portal and the IdP, as the OpenAPI document
 * shows it. Rules:
 * - `path` is the Express path the route is registered with, mount point included.
 * - `params`, `query` and `body` are the very zod schemas the route parses with, so the
 *   document cannot drift from validation; openapi.test.ts checks that every /api route
 *   is listed here and nothing else is.
 * - `access` names the row of access-table.ts the service checks.
 */
const management: ApiOperation[] = [
  {
    method: "get", path: "/api/me", operationId: "getMe", tag: "Me", auth: "management",
    summary: "The caller and their roles",
    description: "Installation roles reach every client of the installation; `clients` lists direct client grants.",
    success: ok("The signed-in user", body.me),
  },

  {
    method: "get", path: "/api/installations", operationId: "listInstallations", tag: "Installations", auth: "management",
    summary: "List the installations the caller can see",
    success: ok("Installations, connection strings masked", body.responses.installationPage),
  },
  {
    method: "post", path: "/api/installations", operationId: "createInstallation", tag: "Installations", auth: "management",
    summary: "Create an installation", access: "platformAdmin", body: createInstallationBody, errors: [409],
    description: "With a connection string, the installation's existing clients are imported and `importReport` tells the outcome per client.",
    success: created("The new installation", body.installation),
  },
  {
    method: "get", path: "/api/installations/:id", operationId: "getInstallation", tag: "Installations", auth: "management",
    summary: "Read an installation", access: { operation: "readInfo", on: "installation" }, params: installation,
    success: ok("The installation", body.installation),
  },
  {
    method: "patch", path: "/api/installations/:id", operationId: "updateInstallation", tag: "Installations", auth: "management",
    summary: "Change endpoints, storages or the connection string", access: { operation: "updateInstallation", on: "installation" },
    description: "Renaming needs a platform administrator. A storage that holds clients cannot be removed (409).",
    params: installation, body: updateInstallationBody, errors: [409],
    success: ok("The changed installation", body.installation),
  },
  {
    method: "delete", path: "/api/installations/:id", operationId: "deleteInstallation", tag: "Installations", auth: "management",
    summary: "Delete an installation without clients", access: "platformAdmin", params: installation, errors: [409],
    success: noContent("Deleted"),
  },
  {
    method: "get", path: "/api/installations/:id/connection-string", operationId: "getConnectionString", tag: "Installations", auth: "management",
    summary: "Read the MongoDB connection string in clear", access: { operation: "readConnectionString", on: "installation" }, params: installation,
    success: ok("The connection string, null when none is set", body.responses.connectionString),
  },

  {
    method: "get", path: "/api/clients", operationId: "listClients", tag: "Clients", auth: "management",
    summary: "List and search the clients the caller can see", query: listClientsQuery,
    success: ok("One page of clients", body.responses.clientPage),
  },
  {
    method: "post", path: "/api/clients", operationId: "createClient", tag: "Clients", auth: "management",
    summary: "Create a client", access: { operation: "createClients", on: "installation" }, body: createClientBody, errors: [409],
    description: "`partition` is the next free one of the storage unless given. `ownerUserId` makes a user the client's Owner and needs manageClientOwnership on the installation (installation Owners; an installation Editor gets 403 and creates without it).",
    success: created("The new client", body.clientDetail),
  },
  {
    method: "get", path: "/api/clients/:name", operationId: "getClient", tag: "Clients", auth: "management",
    summary: "Client info (seed 000's scripts)", access: { operation: "readInfo", on: "client" }, params: client,
    success: ok("The client", body.clientDetail),
  },
  {
    method: "patch", path: "/api/clients/:name", operationId: "updateClient", tag: "Clients", auth: "management",
    summary: "Change expiry, identification or logging", access: { operation: "updateClient", on: "client" },
    params: client, body: updateClientBody,
    success: ok("The changed client; the change is pushed to the installation", body.clientDetail),
  },
  {
    method: "delete", path: "/api/clients/:name", operationId: "deleteClient", tag: "Clients", auth: "management",
    summary: "Delete a client", access: { operation: "createClients", on: "installation" }, params: client,
    success: noContent("Deleted; the installation is told"),
  },
  {
    method: "post", path: "/api/clients/:name/owners", operationId: "changeClientOwnership", tag: "Clients", auth: "management",
    summary: "Add an Owner or transfer ownership", access: { operation: "manageClientOwnership", on: "client" },
    params: client, body: ownershipBody,
    success: ok("The new ownership", { type: "object", properties: { name: { type: "string" }, owner: { type: "object" }, mode: { type: "string" } } }),
  },

  {
    method: "get", path: "/api/clients/:name/usage", operationId: "getClientUsage", tag: "Usage", auth: "management",
    summary: "The client's usage in a time range (calls by operation, success rate, top errors, p50/p95)",
    access: { operation: "readClientUsage", on: "client" }, params: client, query: usageQuery,
    success: ok("Usage figures from the hourly or daily rollups", body.usage),
  },
  {
    method: "get", path: "/api/installations/:id/usage", operationId: "getInstallationUsage", tag: "Usage", auth: "management",
    summary: "The installation's usage by instance in a time range",
    access: { operation: "readInstanceUsage", on: "installation" }, params: installation, query: usageQuery,
    success: ok("Usage figures from the hourly or daily rollups", body.usage),
  },
  {
    method: "get", path: "/api/usage/overview", operationId: "getUsageOverview", tag: "Usage", auth: "management",
    summary: "Usage of all installations (platform administrators)", access: "platformAdmin", query: usageQuery,
    success: ok("Usage per installation, totals and the busiest clients", body.usageOverview),
  },
  {
    method: "get", path: "/api/clients/:name/bwslog", operationId: "getClientBwsLog", tag: "Logs", auth: "management",
    summary: "The client's bws-log in a time range, newest first",
    description: "Calls the installation logged (imported from its `bwslog`) and calls the BFF served. Seed 000's scripts send `from` and `to` URL-encoded: `?from=2026-11-29T09%3A00%3A00.0000000%2B01%3A00&to=...`.",
    access: { operation: "readClientLog", on: "client" }, params: client, query: bwsLogQuery,
    success: ok("One page of log entries and the total in the range", body.bwsLogPage),
  },
  {
    method: "get", path: "/api/installations/:id/bwslog", operationId: "getInstallationBwsLog", tag: "Logs", auth: "management",
    summary: "The installation log: every client's calls in a time range, newest first",
    access: { operation: "readInstallationLog", on: "installation" }, params: installation, query: bwsLogQuery,
    success: ok("One page of log entries and the total in the range", body.bwsLogPage),
  },
  {
    method: "get", path: "/api/installations/:id/diagnostics", operationId: "getInstallationDiagnostics", tag: "Logs", auth: "management",
    summary: "The installation's diagnostic log: waiting deliveries and failed imports",
    access: { operation: "readInstallationLog", on: "installation" }, params: installation,
    success: ok("Diagnostic entries, newest first", body.diagnostics),
  },
  {
    method: "get", path: "/api/clients/:name/samples", operationId: "listSamples", tag: "Logs", auth: "management",
    summary: "Images the client logged, newest first", access: { operation: "readClientLog", on: "client" }, params: client, query: samplesQuery,
    success: ok("One page of samples (without their bytes)", body.samplePage),
  },
  {
    method: "get", path: "/api/clients/:name/samples/:id/image", operationId: "getSampleImage", tag: "Logs", auth: "management",
    summary: "One logged image", access: { operation: "readClientLog", on: "client" }, params: [...client, sampleIdParam],
    success: { status: 200, description: "The image", contentType: "image/jpeg", schema: { type: "string", format: "binary" } },
  },
  {
    method: "get", path: "/api/clients/:name/:trait/classcount", operationId: "countClasses", tag: "Classes", auth: "management",
    summary: "Number of classes with templates of a trait (`/Face/classcount`)", access: { operation: "readClientUsage", on: "client" },
    params: [...client, traitParam],
    success: ok("The count", body.classCount),
  },
  {
    method: "get", path: "/api/clients/:name/classes", operationId: "listClasses", tag: "Classes", auth: "management",
    summary: "The client's enrolled classes, by class id", access: { operation: "readClientLog", on: "client" }, params: client, query: listClassesQuery,
    description: "From the index the BFF keeps of the installation's `classes` collection (refreshed every minute).",
    success: ok("At most `maxclasses` classes", body.classList),
  },
  {
    method: "delete", path: "/api/clients/:name/classes/:classId", operationId: "deleteClass", tag: "Classes", auth: "management",
    summary: "Delete a class with all its templates", access: { operation: "deleteClasses", on: "client" }, params: [...client, classIdParam],
    description: "Needs a certificate attached to the client (409 otherwise). The class leaves the index at once; the deletion reaches the installation through the outbox.",
    errors: [409],
    success: { status: 202, description: "Deleted here, queued for the installation", schema: body.queued },
  },
  {
    method: "delete", path: "/api/clients/:name/classes/:classId/:trait", operationId: "deletePattern", tag: "Classes", auth: "management",
    summary: "Delete the templates of one trait (a pattern) from a class", access: { operation: "deleteClasses", on: "client" },
    params: [...client, classPatternParam], errors: [409],
    success: { status: 202, description: "Deleted here, queued for the installation", schema: body.queued },
  },
  {
    method: "get", path: "/api/clients/:name/sync", operationId: "getClientSync", tag: "Synchronization", auth: "management",
    summary: "How far the client's changes reached its installation", access: { operation: "readInfo", on: "client" }, params: client,
    success: ok("The client's sync state", body.syncStatus),
  },
  {
    method: "post", path: "/api/clients/:name/sync/retry", operationId: "retryClientSync", tag: "Synchronization", auth: "management",
    summary: "Retry the client's waiting changes now", access: { operation: "updateClient", on: "client" }, params: client,
    success: ok("Changes made due", body.responses.retrying),
  },
  {
    method: "get", path: "/api/installations/:id/sync", operationId: "getInstallationSync", tag: "Synchronization", auth: "management",
    summary: "Sync state of an installation and its clients", access: { operation: "readInfo", on: "installation" }, params: installation,
    success: ok("The installation's sync state with one entry per client that waits", body.syncStatus),
  },
  {
    method: "post", path: "/api/installations/:id/sync/retry", operationId: "retryInstallationSync", tag: "Synchronization", auth: "management",
    summary: "Retry the installation's waiting changes now", access: { operation: "updateInstallation", on: "installation" }, params: installation,
    success: ok("Changes made due", body.responses.retrying),
  },

  ...(["installation", "client"] as const).flatMap((kind): ApiOperation[] => {
    const base = kind === "installation" ? "/api/installations/:id/permissions" : "/api/clients/:name/permissions";
    const params = kind === "installation" ? installation : client;
    const access = { operation: kind === "installation" ? "manageInstallationPermissions" : "manageClientPermissions", on: kind } as const;
    const Kind = kind === "installation" ? "Installation" : "Client";
    return [
      {
        method: "get", path: base, operationId: `list${Kind}Permissions`, tag: "Permissions", auth: "management",
        summary: `Who holds which role on the ${kind}`, access, params,
        success: ok("The grants, expired Support grants included", body.responses.permissionList),
      },
      {
        method: "get", path: kind === "installation" ? "/api/installations/:id/access" : "/api/clients/:name/access",
        operationId: `list${Kind}EffectiveAccess`, tag: "Permissions", auth: "management",
        summary: `Everyone who can reach the ${kind} today, and through what`, access, params,
        description: kind === "client"
          ? "Grants on the client, roles inherited from its installation, and platform administrators; expired grants are left out."
          : "Grants on the installation and platform administrators; expired grants are left out.",
        success: ok("Users with the role that applies and where it comes from", body.responses.effectiveAccessList),
      },
      {
        method: "put", path: `${base}/:userId`, operationId: `grant${Kind}Permission`, tag: "Permissions", auth: "management",
        summary: `Give a user a role on the ${kind} (replaces their role)`, access, params: [...params, userIdParam], body: grantBody,
        description:
          kind === "client"
            ? "Support grants need `expiresAt`: support is temporary. Granting the Owner role, or changing the role of an Owner, is client ownership and needs manageClientOwnership (installation Owners); client Owners grant Edit, Support and View."
            : "Support grants need `expiresAt`: support is temporary.",
        success: ok("The grant", { type: "object", properties: { user: { type: "object" }, role: { type: "string" }, expiresAt: { type: ["string", "null"] } } }),
      },
      {
        method: "delete", path: `${base}/:userId`, operationId: `revoke${Kind}Permission`, tag: "Permissions", auth: "management",
        summary: `Take a user's role on the ${kind}`, access, params: [...params, userIdParam],
        ...(kind === "client" ? { description: "Taking the Owner role is client ownership and needs manageClientOwnership (installation Owners)." } : {}),
        success: noContent("Revoked"),
      },
    ];
  }),

  {
    method: "get", path: "/api/installations/:id/certificates", operationId: "listInstallationCertificates", tag: "Certificates", auth: "management",
    summary: "The installation's certificates", access: { operation: "readInfo", on: "installation" }, params: installation,
    success: ok("Certificates (never private keys)", body.responses.certificateList),
  },
  {
    method: "post", path: "/api/installations/:id/certificates", operationId: "uploadCertificate", tag: "Certificates", auth: "management",
    summary: "Upload a certificate with its private key (PEM pair or PKCS#12)", access: { operation: "manageCertificates", on: "installation" },
    params: installation, body: uploadCertificateBody, errors: [409],
    description: "Keys and PKCS#12 files whose key derivation states more iterations than CERTIFICATE_MAX_KDF_ITERATIONS (default 100,000) are refused with 400.",
    success: created("The stored certificate", body.certificate),
  },
  {
    method: "delete", path: "/api/installations/:id/certificates/:certificateId", operationId: "deleteCertificate", tag: "Certificates", auth: "management",
    summary: "Delete a certificate", access: { operation: "manageCertificates", on: "installation" }, params: [...installation, certificateIdParam],
    success: noContent("Deleted and detached from its clients"),
  },
  {
    method: "get", path: "/api/clients/:name/certificates", operationId: "listClientCertificates", tag: "Certificates", auth: "management",
    summary: "Certificates attached to the client", access: { operation: "readInfo", on: "client" }, params: client,
    success: ok("Attached certificates", body.responses.certificateList),
  },
  {
    method: "get", path: "/api/clients/:name/attachable-certificates", operationId: "listAttachableCertificates", tag: "Certificates", auth: "management",
    summary: "The installation's certificates the client could use", access: { operation: "manageClientCertificates", on: "client" }, params: client,
    success: ok("Certificates of the client's installation", body.responses.certificateList),
  },
  {
    method: "put", path: "/api/clients/:name/certificates/:certificateId", operationId: "attachCertificate", tag: "Certificates", auth: "management",
    summary: "Attach a certificate to the client", access: { operation: "manageClientCertificates", on: "client" }, params: [...client, certificateIdParam],
    success: noContent("Attached; the installation is told"),
  },
  {
    method: "delete", path: "/api/clients/:name/certificates/:certificateId", operationId: "detachCertificate", tag: "Certificates", auth: "management",
    summary: "Detach a certificate from the client", access: { operation: "manageClientCertificates", on: "client" }, params: [...client, certificateIdParam],
    success: noContent("Detached; the installation is told"),
  },
  {
    method: "post", path: "/api/clients/:name/certificates/:certificateId/pkcs12", operationId: "downloadCertificate", tag: "Certificates", auth: "management",
    summary: "Download certificate and private key as PKCS#12", access: { operation: "manageClientCertificates", on: "client" },
    params: [...client, certificateIdParam], body: downloadBody,
    description: "The file is protected with the password sent in the body.",
    success: { status: 200, description: "The PKCS#12 file", contentType: "application/x-pkcs12", schema: { type: "string", contentMediaType: "application/x-pkcs12" } },
  },

  {
    method: "get", path: "/api/clients/:name/keys", operationId: "listKeys", tag: "Web API keys", auth: "management",
    summary: "The client's Web API keys", access: { operation: "manageKeys", on: "client" }, params: client,
    success: ok("Keys without secrets", body.responses.keyList),
  },
  {
    method: "post", path: "/api/clients/:name/keys", operationId: "createKey", tag: "Web API keys", auth: "management",
    summary: "Create a Web API key", access: { operation: "manageKeys", on: "client" }, params: client, body: createKeyBody,
    success: created("The App-ID and, this once, its App-Secret", body.newWebApiKey),
  },
  {
    method: "post", path: "/api/clients/:name/keys/:appId/rotate", operationId: "rotateKey", tag: "Web API keys", auth: "management",
    summary: "Replace a key; the old one works for `overlapHours` more", access: { operation: "manageKeys", on: "client" },
    params: [...client, appIdParam], body: rotateKeyBody,
    success: created("The new App-ID and, this once, its App-Secret", body.newWebApiKey),
  },
  {
    method: "delete", path: "/api/clients/:name/keys/:appId", operationId: "revokeKey", tag: "Web API keys", auth: "management",
    summary: "Revoke a key now", access: { operation: "manageKeys", on: "client" }, params: [...client, appIdParam],
    success: noContent("Revoked"),
  },

  {
    method: "get", path: "/api/users", operationId: "searchUsers", tag: "Users", auth: "management",
    summary: "Find users to give access to", query: userSearchQuery,
    description:
      "For those who may grant something: platform administrators, installation Owners and client Owners. " +
      "`q` needs at least 2 characters (400 otherwise). Pages by cursor: at most `limit` users ordered by username, and " +
      "`nextCursor` to pass as `cursor` for the next page (null on the last). Platform administrators see and search " +
      "e-mail addresses; everyone else gets id, username and display name, and does not find platform administrators.",
    success: ok("One page of matching users", body.responses.userPage),
  },
  {
    method: "get", path: "/api/audit", operationId: "listAuditEvents", tag: "Audit", auth: "management",
    summary: "The audit log, newest first", query: auditQuery,
    description: "Platform administrators see every event; Owners see those of what they own (installation Owners also of its clients). Secrets are redacted.",
    success: ok("One page of events", body.responses.auditPage),
  },
  {
    method: "post", path: "/api/clients/:name/playground/token", operationId: "createPlaygroundToken", tag: "Playground", auth: "management",
    summary: "A livenessdetection BWS token with challenges, without an App-Secret", access: { operation: "readInfo", on: "client" }, params: client,
    description: "Limited per user and per client and minute: 429 with Retry-After beyond that.",
    errors: [429],
    success: ok("The token and its challenges", body.playgroundToken),
  },
];

export const apiOperations: readonly ApiOperation[] = [...management, ...outsideApiOperations];

import { createRequire } from "node:module";
import { z } from "zod";
import { accessTable } from "../access/access-table.ts";
import { managementScope } from "../idp/provider.ts";
import type { ApiOperation, SuccessResponse } from "./api-operation.ts";
import { apiOperations } from "./api-operations.ts";
import type { OAuthEndpoints } from "./oauth-endpoints.ts";
import { errorBody } from "./response-schemas.ts";

/**
 * The OpenAPI 3.1 document of the BFF, built from api-operations.ts. Rules:
 * - Request schemas are `z.toJSONSchema` of the route's own zod schemas, on their input side
 *   (what a caller sends, before coercion, defaults and transforms). Dates, which JSON Schema
 *   cannot express, are ISO 8601 strings; anything else unrepresentable is `{}`.
 * - Every `:param` of an Express path becomes `{param}` with a path parameter object taken
 *   from the operation's params schemas; a path parameter without a schema is an error.
 * - Errors are `{ Message, Code }`, shared in components.
 */
export type JsonSchema = Record<string, unknown>;

export const jsonSchemaOptions = {
  io: "input",
  unrepresentable: ({ zodSchema }) => (zodSchema._zod.def.type === "date" ? { type: "string", format: "date-time" } : "any"),
} as const satisfies Parameters<typeof z.toJSONSchema>[1];

/** A zod schema as a JSON Schema inside the document (no `$schema`: the document sets the dialect). */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { ...jsonSchemaOptions, io });
  return json;
}

export interface OpenApiOptions {
  publicUrl: string;
  oauth: OAuthEndpoints;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

export interface ParameterObject {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, JsonSchema>;
}

const errorResponses: Record<number, [name: string, description: string]> = {
  400: ["BadRequest", "Invalid input; Message names the offending fields"],
  401: ["Unauthorized", "Credentials missing, invalid or expired"],
  403: ["Forbidden", "The caller may not do this; Message says what was refused"],
  404: ["NotFound", "The object does not exist"],
  409: ["Conflict", "The change conflicts with the current state (a name in use, an object still in use)"],
  413: ["PayloadTooLarge", "The request body or its frames exceed the limits; Message names the limit"],
  415: ["UnsupportedMediaType", "The body is not application/json or is compressed"],
  429: ["TooManyRequests", "A limit was reached (requests per minute, repeated failures); Message says which, Retry-After when to try again"],
  503: ["ServiceUnavailable", "A dependency (identity provider, database) cannot be reached, or the worker pool is busy (ServerBusy) or out of time (WorkerTimeout); see Retry-After"],
};

const managementSecurity: Record<string, string[]>[] = [{ bearer: [] }, { oauth2: [managementScope] }];

const securityOf: Record<ApiOperation["auth"], Record<string, string[]>[] | undefined> = {
  management: undefined,
  appSecret: [{ basicAuth: [] }],
  bwsToken: [{ bwsToken: [] }],
  public: [],
};

const { version } = createRequire(import.meta.url)("../../../package.json") as { version: string };

export function createOpenApiDocument(options: OpenApiOptions, operations: readonly ApiOperation[] = apiOperations): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const operation of operations) {
    const path = operation.path.replace(/:(\w+)/g, "{$1}");
    (paths[path] ??= {})[operation.method] = operationObject(operation);
  }
  const { authorizationUrl, tokenUrl } = options.oauth;
  return {
    openapi: "3.1.0",
    info: {
      title: "BWS Portal Management API",
      version,
      description:
        "Management API of the BWS Portal (installations, clients, certificates, Web API keys, permissions, audit) " +
        "and the BWS Token Web API. `/api/*` needs an access token of the issuer with the `managebws` scope: " +
        "sign in with **Authorize** (authorization code with PKCE) or paste a token, e.g. from the password or " +
        "client-credentials grant of `bws-scripts`. Errors are `{ \"Message\": ..., \"Code\": ... }`.",
    },
    servers: [{ url: options.publicUrl }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    security: managementSecurity,
    paths,
    components: {
      schemas: { Error: toJsonSchema(errorBody, "output") },
      responses: Object.fromEntries(
        Object.values(errorResponses).map(([name, description]) => [
          name,
          { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: `An access token of the issuer with scope '${managementScope}'.` },
        oauth2: {
          type: "oauth2",
          description: "Sign in through the identity provider: authorization code with PKCE.",
          flows: {
            authorizationCode: {
              authorizationUrl,
              tokenUrl,
              refreshUrl: tokenUrl,
              scopes: { openid: "Who you are", [managementScope]: "Use the BWS Management API as yourself" },
            },
          },
        },
        basicAuth: { type: "http", scheme: "basic", description: "App-ID as user name, App-Secret as password." },
        bwsToken: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A BWS token from GET /extension/token." },
      },
    },
  };
}

function operationObject(operation: ApiOperation): OperationObject {
  const pathParameters = parametersOf("path", operation.params ?? [], operation.parameterDescriptions);
  const declared = [...operation.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const documented = pathParameters.map((p) => p.name);
  if (declared.length !== documented.length || !declared.every((name) => documented.includes(name))) {
    throw new Error(`${operation.method.toUpperCase()} ${operation.path}: path parameters [${declared}] but schemas for [${documented}]`);
  }
  const parameters = [...pathParameters, ...parametersOf("query", operation.query ? [operation.query] : [], operation.parameterDescriptions)];
  const description = [operation.description, accessNote(operation.access)].filter(Boolean).join("\n\n");
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(description ? { description } : {}),
    tags: [operation.tag],
    ...(securityOf[operation.auth] ? { security: securityOf[operation.auth] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: !operation.body.safeParse(undefined).success,
            content: { "application/json": { schema: toJsonSchema(operation.body) } },
          },
        }
      : {}),
    responses: { ...successResponse(operation.success), ...errorsOf(operation) },
  };
}

function parametersOf(location: "path" | "query", schemas: readonly z.ZodObject[], descriptions: Readonly<Record<string, string>> = {}): ParameterObject[] {
  return schemas.flatMap((schema) => {
    const json = toJsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, property]) => {
      const { description, ...propertySchema } = property;
      const text = descriptions[name] ?? (typeof description === "string" ? description : undefined);
      return {
        name,
        in: location,
        required: location === "path" || (json.required ?? []).includes(name),
        ...(text ? { description: text } : {}),
        schema: propertySchema,
      };
    });
  });
}

function successResponse(success: SuccessResponse): Record<string, JsonSchema> {
  if (success.status === 204) return { "204": { description: success.description } };
  const schema = success.schema instanceof z.ZodType ? toJsonSchema(success.schema, "output") : (success.schema ?? {});
  return { [success.status]: { description: success.description, content: { [success.contentType ?? "application/json"]: { schema } } } };
}

/** What every operation of its kind may answer, plus the operation's own statuses. */
function errorsOf(operation: ApiOperation): Record<string, JsonSchema> {
  const statuses = new Set(operation.errors);
  if (operation.params?.length || operation.query || operation.body) statuses.add(400);
  if (operation.auth !== "public") statuses.add(401);
  if (operation.auth === "management") {
    statuses.add(403).add(503);
    if (operation.params?.length) statuses.add(404);
  }
  return Object.fromEntries(
    [...statuses].sort((a, b) => a - b).map((status) => {
      const known = errorResponses[status];
      if (!known) throw new Error(`${operation.operationId}: no shared response for status ${status}`);
      return [String(status), { $ref: `#/components/responses/${known[0]}` }];
    }),
  );
}

function accessNote(access: ApiOperation["access"]): string | undefined {
  if (!access) return undefined;
  if (access === "platformAdmin") return "Requires: a platform administrator.";
  const row = accessTable[access.operation];
  const roles = [`installation ${row.installation.join(", ")}`];
  if (access.on === "client" && row.client.length) roles.push(`client ${row.client.join(", ")}`);
  return `Requires: ${access.operation} on the ${access.on} ("${row.label}": ${roles.join("; ")}; platform administrators always).`;
}

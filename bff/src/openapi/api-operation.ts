import type { z } from "zod";
import type { Operation } from "../access/access-table.ts";

/** One operation of the OpenAPI document (api-operations.ts lists them), and the shapes of its successes. */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** management: bearer token with `managebws`; appSecret: Basic App-ID:App-Secret; bwsToken: Bearer BWS token. */
export type Authentication = "management" | "appSecret" | "bwsToken" | "public";

export interface SuccessResponse {
  status: number;
  description: string;
  /** application/json unless said otherwise; absent for 204. */
  contentType?: string;
  schema?: z.ZodType | Record<string, unknown>;
}

export interface ApiOperation {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  description?: string;
  auth: Authentication;
  access?: { operation: Operation; on: "installation" | "client" } | "platformAdmin";
  params?: readonly z.ZodObject[];
  query?: z.ZodObject;
  body?: z.ZodType;
  parameterDescriptions?: Readonly<Record<string, string>>;
  success: SuccessResponse;
  /** Statuses beyond those every operation of its kind may answer (see openapi-document.ts). */
  errors?: readonly number[];
}

export const ok = (description: string, schema?: SuccessResponse["schema"]): SuccessResponse => ({ status: 200, description, schema });
export const created = (description: string, schema?: SuccessResponse["schema"]): SuccessResponse => ({ status: 201, description, schema });
export const noContent = (description: string): SuccessResponse => ({ status: 204, description });

/**
 * What the HTTP layer itself refuses (Node's parser, Express' router, body-parser) in the
 * one error model: a status, a Code named after it and a Message a client can act on.
 */
const codes: Record<number, string> = {
  400: "BadRequest",
  404: "NotFound",
  408: "RequestTimeout",
  411: "LengthRequired",
  413: "PayloadTooLarge",
  414: "URITooLong",
  412: "PreconditionFailed",
  415: "UnsupportedMediaType",
  416: "RangeNotSatisfiable",
  431: "RequestHeaderFieldsTooLarge",
};

export function codeForStatus(status: number): string {
  return codes[status] ?? (status >= 500 ? "InternalError" : "BadRequest");
}

/** body-parser's error types (http-errors with `type`), the router's decoding errors and Node's parser codes. */
const messages: Record<string, string> = {
  "entity.parse.failed": "The request body is not valid JSON.",
  "entity.too.large": "The request body is too large.",
  "entity.verify.failed": "The request body could not be verified.",
  "encoding.unsupported": "The request body's Content-Encoding is not supported.",
  "charset.unsupported": "The request body's charset is not supported (use utf-8).",
  "parameters.too.many": "The request body has too many parameters.",
  "request.aborted": "The request was aborted before its body arrived.",
  "request.size.invalid": "The request body's size does not match its Content-Length.",
  HPE_HEADER_OVERFLOW: "The request's headers are too large.",
  ERR_HTTP_REQUEST_TIMEOUT: "The request did not arrive in time.",
};

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

interface HttpLayerError {
  status?: number;
  type?: string;
}

const statusMessages: Record<number, string> = {
  404: "Not found.",
  412: "A precondition of the request failed.",
  416: "The requested range cannot be served.",
};

/** The answer to a client error raised below the routes; undefined for anything else. */
export function frameworkRefusal(err: unknown): Refusal | undefined {
  if (err === null || typeof err !== "object") return undefined;
  const { status, type } = err as HttpLayerError;
  if (typeof status !== "number" || status < 400 || status >= 500) return undefined;
  const message =
    (type && messages[type]) ??
    statusMessages[status] ??
    (err instanceof URIError ? "The request path is not valid percent-encoded UTF-8." : "The request body could not be read (check its Content-Encoding and length).");
  return { status, code: codeForStatus(status), message };
}

/** The status and Message for one of Node's HTTP parser errors (server 'clientError'). */
export function parserRefusal(code: string | undefined): Refusal {
  if (code === "HPE_HEADER_OVERFLOW") return { status: 431, code: codeForStatus(431), message: messages[code]! };
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return { status: 408, code: codeForStatus(408), message: messages[code]! };
  return { status: 400, code: codeForStatus(400), message: "The request is not valid HTTP/1.1." };
}

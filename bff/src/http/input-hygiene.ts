import express, { type RequestHandler } from "express";
import { AppError, BadRequestError } from "../errors.ts";
import { findUnsafeText, isUnsafeText, unsafeTextRule } from "./unsafe-text.ts";

/**
 * Input hygiene for every request, before any route sees it (app.ts mounts
 * `rejectUnsafeUrl` first; every body parser of the BFF comes from here).
 * Rules:
 * - Path and query must be valid percent-encoded UTF-8 without NUL: 400 otherwise.
 * - Text fields of JSON and form bodies (values and field names) must not hold NUL or
 *   unpaired surrogates: 400 naming the field.
 * - A JSON route refuses a body of another media type with 415; an empty body passes
 *   (the route's schema decides whether it needs one).
 * The IdP's own OAuth bodies are parsed by oidc-provider; its storage refuses such text
 * (idp/prisma-adapter.ts), and so does the password grant.
 */
export const rejectUnsafeUrl: RequestHandler = (req, _res, next) => {
  const url = req.originalUrl;
  const queryStart = url.indexOf("?");
  const path = decode(queryStart < 0 ? url : url.slice(0, queryStart));
  if (path === undefined) throw new BadRequestError("The request path is not valid percent-encoded UTF-8.");
  if (isUnsafeText(path)) throw new BadRequestError(`The request path ${unsafeTextRule}.`, "InvalidText");
  if (queryStart >= 0) checkQuery(url.slice(queryStart + 1));
  next();
};

function checkQuery(query: string): void {
  for (const pair of query.split("&")) {
    if (!pair) continue;
    const equals = pair.indexOf("=");
    const name = decode(plusAsSpace(equals < 0 ? pair : pair.slice(0, equals)));
    const value = equals < 0 ? "" : decode(plusAsSpace(pair.slice(equals + 1)));
    if (name === undefined || value === undefined) throw new BadRequestError("The query string is not valid percent-encoded UTF-8.");
    if (isUnsafeText(name)) throw new BadRequestError(`A query parameter's name ${unsafeTextRule}.`, "InvalidText");
    if (isUnsafeText(value)) throw new BadRequestError(`Query parameter '${clip(name)}' ${unsafeTextRule}.`, "InvalidText");
  }
}

/** A JSON body parser that also refuses other media types and unsafe text. */
export function jsonBody(limit: string): RequestHandler {
  return inSequence([requireJson, express.json({ limit }), rejectUnsafeBody]);
}

/** An `application/x-www-form-urlencoded` body parser (HTML forms) that refuses unsafe text. */
export function formBody(limit: string): RequestHandler {
  return inSequence([express.urlencoded({ extended: false, limit }), rejectUnsafeBody]);
}

/** One handler running several in order (route signatures keep their inferred types). */
function inSequence(handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let index = 0;
    const step = (error?: unknown): void => {
      const handler = handlers[index++];
      if (error !== undefined || !handler) return next(error);
      try {
        void handler(req, res, step);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}

const requireJson: RequestHandler = (req, _res, next) => {
  const length = Number(req.get("content-length") ?? 0);
  const hasBody = req.get("transfer-encoding") !== undefined || length > 0;
  if (hasBody && !req.is("application/json")) {
    throw new AppError(415, "UnsupportedMediaType", "Send the request body as JSON (Content-Type: application/json).");
  }
  next();
};

const rejectUnsafeBody: RequestHandler = (req, _res, next) => {
  const field = findUnsafeText(req.body);
  if (field !== undefined) {
    throw new BadRequestError(field ? `${clip(field)}: ${unsafeTextRule}.` : `The request body ${unsafeTextRule}.`, "InvalidText");
  }
  next();
};

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function plusAsSpace(text: string): string {
  return text.replaceAll("+", " ");
}

function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

import type { Document } from "mongodb";
import type { ClassDocument, LogEntryDocument } from "./installation-store.ts";

/**
 * Reads `bwslog` and `classes` documents as docs/installation-store.md describes them.
 * Rules:
 * - Tolerant: a missing optional field becomes null; a log entry without a time or client
 *   cannot be counted and is returned with `client: ""` so the import skips (and counts) it.
 * - `result` comes from the document's `result` when it is one of the three known values,
 *   otherwise from `success` (true → success, false → failure).
 * - Fields the portal does not model are kept in `details` (without `_id`).
 */
const knownLogFields = new Set(["_id", "at", "client", "instance", "operation", "result", "success", "error", "durationMs", "bcid"]);
const results = new Set(["success", "failure", "error"]);

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function number(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "bigint") return Number(value);
  if (value && typeof value === "object" && "toNumber" in value && typeof value.toNumber === "function") return Number(value.toNumber());
  return null;
}

function integer(value: unknown): bigint | null {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (value && typeof value === "object" && "toBigInt" in value && typeof value.toBigInt === "function") return BigInt(value.toBigInt());
  return null;
}

function date(value: unknown): Date | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return new Date(value);
  return null;
}

export function toLogEntry(document: Document): LogEntryDocument {
  const result = results.has(document.result) ? (document.result as LogEntryDocument["result"]) : document.success === true ? "success" : "failure";
  const at = date(document.at);
  const extra = Object.fromEntries(Object.entries(document).filter(([key]) => !knownLogFields.has(key)));
  return {
    id: String(document._id),
    at: at ?? new Date(0),
    client: at ? (text(document.client) ?? "") : "",
    instance: text(document.instance),
    operation: text(document.operation) ?? "unknown",
    result,
    errorCode: result === "success" ? null : text(document.error),
    durationMs: number(document.durationMs),
    bcid: text(document.bcid),
    details: Object.keys(extra).length > 0 ? JSON.parse(JSON.stringify(extra)) : null,
  };
}

/** Null for a document that names no storage, partition or class id. */
export function toClassDocument(document: Document): ClassDocument | null {
  const partition = number(document.partition);
  const classId = integer(document.classId);
  const storage = text(document.storage);
  if (partition === null || classId === null || storage === null) return null;
  const traits = Array.isArray(document.traits)
    ? document.traits.flatMap((t: unknown) => {
        if (!t || typeof t !== "object") return [];
        const trait = text((t as Document).trait);
        return trait ? [{ trait, templates: number((t as Document).templates) ?? 0 }] : [];
      })
    : [];
  const updatedAt = date(document.updatedAt) ?? new Date(0);
  return {
    id: String(document._id),
    storage,
    partition,
    classId,
    traits,
    enrolledAt: date(document.enrolledAt) ?? updatedAt,
    updatedAt,
  };
}

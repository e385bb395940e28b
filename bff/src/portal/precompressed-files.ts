import { stat } from "node:fs/promises";
import path from "node:path";
import type { RequestHandler } from "express";

/**
 * Serves the brotli or gzip copy a build wrote next to a file (scripts/compress-portal.mjs)
 * when the browser accepts it; otherwise the request falls through to the plain file.
 * Rules:
 * - brotli before gzip, as the browser's Accept-Encoding allows (q=0 refuses).
 * - The answer carries the original's Content-Type, `Content-Encoding`, `Vary:
 *   Accept-Encoding` (caches must keep one copy per encoding) and no byte ranges.
 * - Only paths that stay inside `root` are looked at; which copies exist is remembered
 *   per path (hashed file names change with every build).
 */
const encodings = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

function accepted(header: string | undefined, name: string): boolean {
  for (const part of (header ?? "").split(",")) {
    const [coding, ...params] = part.trim().split(";");
    if (coding?.trim().toLowerCase() !== name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

export function servePrecompressed(root: string, setHeaders: (res: Parameters<RequestHandler>[1], file: string) => void): RequestHandler {
  const copies = new Map<string, Set<string>>();
  const resolvedRoot = path.resolve(root);

  async function available(file: string): Promise<Set<string>> {
    let found = copies.get(file);
    if (!found) {
      found = new Set();
      for (const { name, suffix } of encodings) {
        if (await stat(file + suffix).then((s) => s.isFile(), () => false)) found.add(name);
      }
      if (copies.size > 5000) copies.clear();
      copies.set(file, found);
    }
    return found;
  }

  return async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(resolvedRoot, relative);
    if (!file.startsWith(resolvedRoot + path.sep)) return next();
    const found = await available(file);
    res.vary("Accept-Encoding");
    const encoding = encodings.find(({ name }) => found.has(name) && accepted(req.get("accept-encoding"), name));
    if (!encoding) return next();
    setHeaders(res, file);
    res.set({ "Content-Encoding": encoding.name, "Accept-Ranges": "none" });
    res.type(path.extname(file));
    res.sendFile(file + encoding.suffix, { acceptRanges: false, cacheControl: false }, (error) => {
      if (error && !res.headersSent) next();
    });
  };
}

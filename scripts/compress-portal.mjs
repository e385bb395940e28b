// Precompresses the built portal (dist/portal/browser) with brotli and gzip at their
// highest levels, next to each file (`x.js.br`, `x.js.gz`), so the BFF serves compressed
// bytes without compressing per request. Runs after every `ng build`; files that did not
// change since their compressed copies are skipped.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const dist = path.resolve(root, process.argv[2] ?? "dist/portal/browser");
const compressible = /\.(js|mjs|css|html|json|svg|txt|ico|webmanifest|wasm|map)$/;
const minBytes = 512;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (compressible.test(entry.name)) yield full;
  }
}

let written = 0;
let before = 0;
let after = 0;
for (const file of files(dist)) {
  const stat = statSync(file);
  if (stat.size < minBytes) continue;
  const fresh = (suffix) => existsSync(file + suffix) && statSync(file + suffix).mtimeMs >= stat.mtimeMs;
  if (fresh(".br") && fresh(".gz")) continue;
  const content = readFileSync(file);
  const br = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
  writeFileSync(file + ".br", br);
  writeFileSync(file + ".gz", gzipSync(content, { level: 9 }));
  written++;
  before += content.length;
  after += br.length;
}
if (written) console.log(`Precompressed ${written} portal files: ${(before / 1024).toFixed(0)} kB → ${(after / 1024).toFixed(0)} kB (brotli)`);

import { performance } from "node:perf_hooks";
import { chromium, type Page } from "@playwright/test";
import { startBffProcess } from "./support/bff-process.ts";

/**
 * What a browser transfers to show the portal's start page, measured by a real Chromium
 * (the DevTools protocol's encoded byte counts) against the BFF started as `npm start`
 * starts it: signed in as `owner`, a reload with the cache disabled until the client list
 * shows its rows. Portal files (HTML, JS, CSS, fonts, icons) are counted apart from API and
 * IdP calls. Once as the browser asks (brotli), once with `Accept-Encoding: identity`.
 * "Initial" is what index.html itself loads (the document, its stylesheets, modulepreloads
 * and scripts: Angular's initial bundle); "start page" adds the lazy chunks of the client
 * list. Needs a built portal (`npm run build`). Target (issue #12): initial ≤ 120 kB.
 */
const runs = Number(process.env["BENCH_ROUNDS"] ?? 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Load {
  initialBytes: number;
  portalBytes: number;
  portalFiles: number;
  otherBytes: number;
  ms: number;
  encodings: Set<string>;
}

async function measureReload(page: Page, initialFiles: Set<string>): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const urls = new Map<string, string>();
  const encodings = new Set<string>();
  const load: Load = { initialBytes: 0, portalBytes: 0, portalFiles: 0, otherBytes: 0, ms: 0, encodings };
  let documentRequest = "";
  cdp.on("Network.responseReceived", (event) => {
    urls.set(event.requestId, event.response.url);
    if (event.type === "Document") documentRequest = event.requestId;
    const encoding = Object.entries(event.response.headers).find(([name]) => name.toLowerCase() === "content-encoding")?.[1];
    if (/\.(js|css)$/.test(new URL(event.response.url).pathname)) encodings.add(encoding ?? "identity");
  });
  cdp.on("Network.loadingFinished", (event) => {
    const url = urls.get(event.requestId);
    if (!url) return;
    const pathname = new URL(url).pathname;
    if (/^\/(api|oidc)\//.test(pathname) || pathname === "/portal-config.json") load.otherBytes += event.encodedDataLength;
    else {
      load.portalBytes += event.encodedDataLength;
      load.portalFiles++;
      if (initialFiles.has(pathname) || event.requestId === documentRequest) load.initialBytes += event.encodedDataLength;
    }
  });
  const t0 = performance.now();
  await page.reload();
  await page.getByRole("row").nth(1).waitFor();
  load.ms = performance.now() - t0;
  await cdp.detach();
  return load;
}

export async function benchPortalLoad(): Promise<Record<string, string>> {
  const bff = await startBffProcess("pglite");
  const browser = await chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
  const results: Record<string, string> = {};
  const index = await (await fetch(`${bff.url}/`, { headers: { accept: "text/html" } })).text();
  const initialFiles = new Set([...index.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => `/${m[1]!.replace(/^\//, "")}`));
  try {
    for (const variant of ["as the browser asks (br)", "Accept-Encoding: identity"]) {
      const context = await browser.newContext(variant.startsWith("Accept") ? { extraHTTPHeaders: { "accept-encoding": "identity" } } : {});
      const page = await context.newPage();
      await page.goto(`${bff.url}/`);
      await page.getByLabel("Username").fill("owner");
      await page.getByLabel("Password").fill("demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("row").nth(1).waitFor();
      const loads: Load[] = [];
      for (let i = 0; i < runs; i++) loads.push(await measureReload(page, initialFiles));
      const last = loads.at(-1)!;
      results[`${variant}: initial (index.html and what it loads)`] = `${(median(loads.map((l) => l.initialBytes)) / 1024).toFixed(1)} kB in ${initialFiles.size + 1} files`;
      results[`${variant}: start page, all portal files`] = `${(median(loads.map((l) => l.portalBytes)) / 1024).toFixed(1)} kB in ${last.portalFiles} files (JS/CSS encodings: ${[...last.encodings].join(", ")})`;
      results[`${variant}: API and IdP calls`] = `${(median(loads.map((l) => l.otherBytes)) / 1024).toFixed(1)} kB`;
      results[`${variant}: reload to first rows (median)`] = `${median(loads.map((l) => l.ms)).toFixed(0)} ms`;
      await context.close();
    }
  } finally {
    await browser.close();
    await bff.stop();
  }
  return results;
}

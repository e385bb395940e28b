import path from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "@playwright/test";
import { startTestServer } from "../bff/src/testing/test-server.ts";

/**
 * The portal's start screen with 10,000 clients, in headless Chromium: time from
 * navigation (already signed in) to the first page of rows, and from a sort or page click
 * to the new rows. Needs a built portal (`npm run build`).
 */
const clientCount = Number(process.env["BENCH_CLIENTS"] ?? 10_000);
const runs = Number(process.env["BENCH_ROUNDS"] ?? 10);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchClientListPortal(): Promise<Record<string, string>> {
  const server = await startTestServer({ LOG_LEVEL: "warn", PORTAL_DIST: path.resolve("dist/portal/browser") });
  const browser = await chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
  try {
    const { prisma } = server.db;
    const installation = await prisma.installation.findUniqueOrThrow({ where: { name: "demo" }, include: { storages: true } });
    for (let start = 0; start < clientCount; start += 1000) {
      await prisma.client.createMany({
        data: Array.from({ length: Math.min(1000, clientCount - start) }, (_, i) => ({
          name: `bench-client-${String(start + i).padStart(5, "0")}`,
          installationId: installation.id,
          storageId: installation.storages[0]!.id,
          partition: 100 + start + i,
          expiresAt: new Date(Date.now() + (start + i + 1) * 60_000),
        })),
      });
    }
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    const firstRow = page.getByRole("row").nth(1);
    await firstRow.waitFor();

    const loads: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await page.reload();
      await page.getByRole("cell", { name: "bench-client-00000", exact: true }).waitFor();
      loads.push(performance.now() - t0);
    }
    const pages: number[] = [];
    for (let i = 0; i < runs; i++) {
      const next = `bench-client-${String((i + 1) * 25).padStart(5, "0")}`;
      const t0 = performance.now();
      await page.getByRole("button", { name: "Next page" }).click();
      await page.getByRole("cell", { name: next, exact: true }).waitFor();
      pages.push(performance.now() - t0);
    }
    const domRows = await page.getByRole("row").count();
    return {
      clients: String(await prisma.client.count()),
      "reload to first rows, median (ms)": median(loads).toFixed(0),
      "next page to new rows, median (ms)": median(pages).toFixed(0),
      "table rows in the DOM": String(domRows - 1),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

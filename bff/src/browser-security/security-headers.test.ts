import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLoginPage } from "../testing/login-browser.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { hstsHeader, securityHeaders } from "./security-headers.ts";

/** The directives of a Content-Security-Policy header, by name. */
function directivesOf(response: Response): Map<string, string[]> {
  const header = response.headers.get("content-security-policy");
  expect(header, `no CSP on ${response.url}`).toBeTruthy();
  return new Map(
    header!.split(";").map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

function expectNoInlineScriptOrEval(csp: Map<string, string[]>): void {
  const scripts = csp.get("script-src") ?? csp.get("default-src")!;
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
}

describe("browser security headers of the running BFF", () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), "bws-portal-dist-"));
    await writeFile(path.join(dist, "index.html"), '<!doctype html><html><body><app-root></app-root><script src="/main-ABCDEF12.js" type="module"></script></body></html>');
    await writeFile(path.join(dist, "main-ABCDEF12.js"), "export {};");
    await writeFile(path.join(dist, "worker-ABCDEF12.js"), "export {};");
    server = await startTestServer({ PORTAL_DIST: dist });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dist, { recursive: true, force: true });
  });

  it("gives the portal a CSP without inline script and a fresh style nonce that index.html carries", async () => {
    const nonces: string[] = [];
    for (const pathname of ["/", "/clients/demo-client", "/index.html"]) {
      const response = await fetch(`${server.url}${pathname}`, { headers: { accept: "text/html" } });
      expect(response.status).toBe(200);
      const csp = directivesOf(response);
      expectNoInlineScriptOrEval(csp);
      expect(csp.get("default-src")).toEqual(["'none'"]);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("img-src")).toEqual(["'self'", "blob:", "data:"]);
      expect(csp.get("form-action")).toEqual(["'none'"]);
      const [self, nonceSource, ...rest] = csp.get("style-src")!;
      expect([self, rest]).toEqual(["'self'", []]);
      // One style attribute, by hash: ngx-charts' tooltip area.
      expect(csp.get("style-src-attr")).toEqual(["'unsafe-hashes'", "'sha256-aMqEn2TjFTa4fPKEXLN7OfV3ni2525REsIUI4/tgmhg='"]);
      const nonce = /^'nonce-([A-Za-z0-9+/=]{24})'$/.exec(nonceSource!)![1]!;
      expect(await response.text()).toContain(`<app-root ngCspNonce="${nonce}"></app-root>`);
      nonces.push(nonce);
      // The playground's threads need cross-origin isolation.
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(response.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
      expect(response.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("lets only the face-detection worker compile WebAssembly", async () => {
    const worker = await fetch(`${server.url}/worker-ABCDEF12.js`);
    expect(worker.status).toBe(200);
    const csp = directivesOf(worker);
    expect(csp.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get("worker-src")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    for (const pathname of ["/main-ABCDEF12.js", "/", "/assets/ort/ort-wasm-simd-threaded.mjs"]) {
      const response = await fetch(`${server.url}${pathname}`, { headers: { accept: "text/html" } });
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get("content-security-policy"), pathname).not.toContain("wasm-unsafe-eval");
    }
  });

  it("gives Swagger UI and its sign-in redirect page a CSP without inline script or style", async () => {
    for (const pathname of ["/api/docs", "/api/docs/oauth2-redirect.html"]) {
      const response = await fetch(`${server.url}${pathname}`);
      expect(response.status, pathname).toBe(200);
      const csp = directivesOf(response);
      expectNoInlineScriptOrEval(csp);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("style-src")).toEqual(["'self'"]);
      expect(csp.get("connect-src")).toEqual(["'self'"]);
    }
  });

  it("gives the IdP's pages a CSP that allows only this origin's files and form targets", async () => {
    const { page: login } = await openLoginPage(server.url);
    expect(login.status).toBe(200);
    const csp = directivesOf(login);
    expectNoInlineScriptOrEval(csp);
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("style-src")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    const html = await login.text();
    expect(html).not.toMatch(/<style|<script|\sstyle=|\son\w+=/);
    expect(html).toContain('<link rel="stylesheet" href="/oidc/ui/idp.css">');
    const stylesheet = await fetch(`${server.url}/oidc/ui/idp.css`);
    expect(stylesheet.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await stylesheet.text()).toContain("--primary");

    for (const pathname of ["/oidc/.well-known/openid-configuration", "/oidc/session/end", "/oidc/session/end/success"]) {
      const response = await fetch(`${server.url}${pathname}`);
      expect(response.status, pathname).toBe(200);
      expectNoInlineScriptOrEval(directivesOf(response));
    }
  });

  it("forbids everything on API answers, which are never documents", async () => {
    const response = await fetch(`${server.url}/api/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it("sends no Strict-Transport-Security while PUBLIC_URL is plain http", async () => {
    for (const pathname of ["/", "/api/docs", "/oidc/.well-known/openid-configuration", "/api/me"]) {
      const response = await fetch(`${server.url}${pathname}`, { headers: { accept: "text/html" } });
      expect(response.headers.has("strict-transport-security"), pathname).toBe(false);
    }
  });
});

describe("browser security headers behind an https PUBLIC_URL with an external issuer", () => {
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    app.use(securityHeaders({ publicUrl: "https://portal.example", issuer: "https://login.example/realms/bws" }));
    app.get(/.*/, (_req, res) => {
      res.send("ok");
    });
    const listening = app.listen(0);
    await new Promise((resolve) => listening.once("listening", resolve));
    url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    close = () => listening.close();
  });
  afterAll(() => close?.());

  it("sends Strict-Transport-Security on every response", async () => {
    for (const pathname of ["/", "/api/docs", "/oidc/auth", "/api/me", "/worker-ABCDEF12.js"]) {
      const response = await fetch(`${url}${pathname}`);
      expect(response.headers.get("strict-transport-security"), pathname).toBe(hstsHeader);
    }
    expect(hstsHeader).toMatch(/^max-age=\d{8,}$/);
  });

  it("lets the portal and Swagger UI call the issuer's origin and nothing else", async () => {
    for (const pathname of ["/", "/api/docs"]) {
      const csp = directivesOf(await fetch(`${url}${pathname}`));
      expect(csp.get("connect-src"), pathname).toEqual(["'self'", "https://login.example"]);
    }
  });
});

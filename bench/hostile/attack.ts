import { readFileSync } from "node:fs";

/**
 * One attack at full speed, in its own process, for the given seconds: `parallel` loops
 * each sending the attack's request as soon as the last one answered. Prints how many
 * requests ended with which status (or network error) as JSON.
 * argv: <attack json file> — { kind, base, seconds, parallel, ...kind's inputs }
 */
interface Attack {
  kind: "liveness" | "certificate" | "login-form" | "password-grant" | "unauthenticated-body";
  base: string;
  seconds: number;
  parallel: number;
  /** liveness: a viewer's access token (for playground tokens) and the body to post. */
  viewerToken?: string;
  livenessBody?: string;
  /** certificate: an Editor's token, the installation and the upload body. */
  editorToken?: string;
  installationId?: string;
  certificateBody?: string;
  /** password-grant: the scripts client's secret. */
  scriptsSecret?: string;
  /** unauthenticated-body: its size in bytes. */
  bodyBytes?: number;
}

const attack = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Attack;
const statuses: Record<string, number> = {};
const count = (status: number | string) => (statuses[String(status)] = (statuses[String(status)] ?? 0) + 1);

async function send(url: string, init: RequestInit): Promise<Response | undefined> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
    await response.arrayBuffer();
    count(response.status);
    return response;
  } catch {
    count("network error");
    return undefined;
  }
}

/** Playground tokens for the liveness attack: a new one whenever the last is used up or refused. */
async function playgroundToken(): Promise<string | undefined> {
  const response = await fetch(`${attack.base}/api/clients/demo-client/playground/token`, {
    method: "POST",
    headers: { authorization: `Bearer ${attack.viewerToken}` },
  });
  if (!response.ok) {
    count(`token ${response.status}`);
    await response.arrayBuffer();
    return undefined;
  }
  return ((await response.json()) as { token: string }).token;
}

async function loginInteraction(): Promise<{ action: string; cookie: string } | undefined> {
  const verifier = "x".repeat(43);
  const challenge = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))).toString("base64url");
  const query = new URLSearchParams({ client_id: "bws-portal", response_type: "code", scope: "openid managebws", redirect_uri: `${attack.base}/`, code_challenge: challenge, code_challenge_method: "S256" });
  const response = await fetch(`${attack.base}/oidc/auth?${query}`, { redirect: "manual" });
  const location = response.headers.get("location");
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!location) return undefined;
  return { action: `${new URL(location, attack.base).pathname}/login`, cookie };
}

async function loop(end: number): Promise<void> {
  let token: string | undefined;
  let interaction: { action: string; cookie: string } | undefined;
  let guess = 0;
  while (Date.now() < end) {
    switch (attack.kind) {
      case "liveness": {
        token ??= await playgroundToken();
        if (!token) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          break;
        }
        const response = await send(`${attack.base}/extension/livenessdetection`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: attack.livenessBody,
        });
        if (!response || response.status === 401 || response.status === 429) token = undefined;
        break;
      }
      case "certificate":
        await send(`${attack.base}/api/installations/${attack.installationId}/certificates`, {
          method: "POST",
          headers: { authorization: `Bearer ${attack.editorToken}`, "content-type": "application/json" },
          body: attack.certificateBody,
        });
        break;
      case "login-form": {
        interaction ??= await loginInteraction();
        if (!interaction) {
          count("no interaction");
          break;
        }
        const response = await send(`${attack.base}${interaction.action}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: interaction.cookie },
          body: new URLSearchParams({ username: "owner", password: `guess-${guess++}` }),
          redirect: "manual",
        });
        if (!response || (response.status >= 300 && response.status < 400)) interaction = undefined;
        break;
      }
      case "password-grant":
        await send(`${attack.base}/oidc/token`, {
          method: "POST",
          body: new URLSearchParams({ grant_type: "password", username: "owner", password: `guess-${guess++}`, client_id: "bws-scripts", client_secret: attack.scriptsSecret!, scope: "managebws" }),
        });
        break;
      case "unauthenticated-body":
        await send(`${attack.base}/extension/livenessdetection`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: Buffer.alloc(attack.bodyBytes ?? 12 * 1024 * 1024, 0x20),
        });
        break;
    }
  }
}

const end = Date.now() + attack.seconds * 1000;
await Promise.all(Array.from({ length: attack.parallel }, () => loop(end)));
console.log(JSON.stringify(statuses));

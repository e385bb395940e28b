import { createHash, randomBytes } from "node:crypto";

/**
 * A browser for the embedded IdP's login form: it keeps its cookies (the known-device
 * cookie among them) and, when given a source address, sends it as X-Forwarded-For, as a
 * reverse proxy on loopback would.
 */
export interface LoginResult {
  status: number;
  retryAfter: number | null;
  /** The re-rendered form's message, if any. */
  message?: string;
  /** The authorization code once the sign-in succeeded. */
  code?: string;
}

/**
 * Opens the portal's sign-in at the embedded IdP as a fresh browser: the login page's
 * response (unread) and the interaction cookie that answering its form needs.
 */
export async function openLoginPage(baseUrl: string): Promise<{ page: Response; cookie: string }> {
  const authorize = new URLSearchParams({
    client_id: "bws-portal",
    response_type: "code",
    redirect_uri: `${baseUrl}/`,
    scope: "openid managebws",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  });
  const started = await fetch(`${baseUrl}/oidc/auth?${authorize}`, { redirect: "manual" });
  const cookie = started.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const page = await fetch(new URL(started.headers.get("location")!, baseUrl), { headers: { cookie } });
  return { page, cookie };
}

export class LoginBrowser {
  private readonly cookies = new Map<string, string>();
  /** The open login form's action: a re-rendered form is answered again without a new sign-in. */
  private action?: string;

  constructor(
    private readonly baseUrl: string,
    private source?: string,
  ) {}

  /** Moves the browser to another network (its cookies stay). */
  moveTo(source: string | undefined): this {
    this.source = source;
    return this;
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  /** Answers the open login form, or opens the portal's sign-in (always with a login prompt) first. */
  async signIn(username: string, password: string): Promise<LoginResult> {
    this.action ??= await this.openLoginForm();
    const response = await this.request(this.action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password }).toString(),
    });
    const retryAfter = response.headers.get("retry-after");
    if (response.status !== 303) {
      const html = await response.text();
      const message = /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
      return { status: response.status, retryAfter: retryAfter === null ? null : Number(retryAfter), message };
    }
    this.action = undefined;
    let location = response.headers.get("location")!;
    while (!new URL(location, this.baseUrl).searchParams.has("code")) {
      location = (await this.request(location)).headers.get("location")!;
    }
    return { status: 303, retryAfter: null, code: new URL(location).searchParams.get("code")! };
  }

  private async openLoginForm(): Promise<string> {
    const challenge = createHash("sha256").update(randomBytes(32).toString("base64url")).digest("base64url");
    const authorize = new URL(`${this.baseUrl}/oidc/auth`);
    authorize.search = new URLSearchParams({
      client_id: "bws-portal",
      response_type: "code",
      redirect_uri: `${this.baseUrl}/`,
      scope: "openid profile email managebws",
      code_challenge: challenge,
      code_challenge_method: "S256",
      state: "s",
      prompt: "login",
    }).toString();
    const loginUrl = (await this.request(authorize.toString())).headers.get("location")!;
    const page = await (await this.request(loginUrl)).text();
    return /action="([^"]+)"/.exec(page)![1]!;
  }

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    if (this.source) headers.set("x-forwarded-for", this.source);
    const response = await fetch(new URL(url, this.baseUrl), { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      const equals = pair.indexOf("=");
      this.cookies.set(pair.slice(0, equals), pair.slice(equals + 1));
    }
    return response;
  }
}

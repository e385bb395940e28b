import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The known-device cookie (OWASP, "Slow Down Online Guessing Attacks with Device
 * Cookies"): a browser that has signed in as a user carries a signed cookie saying so, and
 * its sign-ins as that user are judged on their own counter (sign-in-limits.ts).
 * Rules:
 * - Value: base64url(JSON { d: device id, u: user tags, t: issued at }) "." HMAC-SHA256.
 *   The key derives from the data key, so every instance accepts the cookie; one that does
 *   not verify, or is older than 180 days, is ignored (the browser counts as unknown).
 * - User tags are keyed hashes of usernames: the cookie does not show who signed in.
 *   It remembers the 5 latest users of the browser.
 * - HttpOnly, SameSite=Lax, Path=/oidc/interaction (only the login form receives it),
 *   Secure when the portal is served over https; renewed at every successful sign-in.
 */
export const knownDeviceCookieName = "bws_known_device";
const maxAgeSeconds = 180 * 24 * 3600;
const maxUsers = 5;

export interface KnownDevice {
  id: string;
  userTags: string[];
}

export class KnownDeviceCookie {
  constructor(
    private readonly key: Uint8Array,
    private readonly secure: boolean,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The device named by a valid cookie in the Cookie header. */
  read(cookieHeader: string | undefined): KnownDevice | undefined {
    const value = (cookieHeader ?? "")
      .split(/;\s*/)
      .find((pair) => pair.startsWith(`${knownDeviceCookieName}=`))
      ?.slice(knownDeviceCookieName.length + 1);
    const [payload, signature] = (value ?? "").split(".");
    if (!payload || !signature || !this.verifies(payload, signature)) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { d?: unknown; u?: unknown; t?: unknown };
      const fresh = typeof parsed.t === "number" && this.clock() / 1000 - parsed.t < maxAgeSeconds;
      if (!fresh || typeof parsed.d !== "string" || !Array.isArray(parsed.u) || !parsed.u.every((tag) => typeof tag === "string")) return undefined;
      return { id: parsed.d, userTags: parsed.u as string[] };
    } catch {
      return undefined;
    }
  }

  /** Whether this device has signed in as `username` (normalised). */
  knows(device: KnownDevice | undefined, username: string): boolean {
    return device !== undefined && device.userTags.includes(this.userTag(username));
  }

  /** The Set-Cookie header value after `username` signed in on this device. */
  issue(device: KnownDevice | undefined, username: string): string {
    const tag = this.userTag(username);
    const userTags = [tag, ...(device?.userTags ?? []).filter((t) => t !== tag)].slice(0, maxUsers);
    const payload = Buffer.from(JSON.stringify({ d: device?.id ?? randomBytes(16).toString("base64url"), u: userTags, t: Math.floor(this.clock() / 1000) })).toString("base64url");
    const attributes = [`Max-Age=${maxAgeSeconds}`, "Path=/oidc/interaction", "HttpOnly", "SameSite=Lax", ...(this.secure ? ["Secure"] : [])];
    return [`${knownDeviceCookieName}=${payload}.${this.sign(payload)}`, ...attributes].join("; ");
  }

  private userTag(username: string): string {
    return createHmac("sha256", this.key).update(`user:${username}`).digest("base64url").slice(0, 16);
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.key).update(`cookie:${payload}`).digest("base64url");
  }

  private verifies(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const actual = Buffer.from(signature);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

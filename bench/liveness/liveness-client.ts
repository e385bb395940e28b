import type { Direction } from "../../common/face/head-pose.js";
import type { PostedFrame } from "../../common/face/testing/rendered-attempt.js";
import { passwordGrant, type BffProcess } from "../support/bff-process.ts";

/**
 * The issue's scripted client, in a process of its own: playground tokens of a user signed
 * in by seed 000's password grant, attempts posted to /extension/livenessdetection of a BFF
 * started as `npm start` starts it (support/bff-process.ts).
 */
export interface PlaygroundToken {
  token: string;
  challenges: Direction[][];
}

export interface Answer {
  success: boolean;
  errorString: string | null;
  status: number;
  /** From sending the POST to its answer: the verdict's time after the last frame. */
  ms: number;
}

/** Access tokens live an hour; a run of the bench takes longer than half of that, so the client signs in again after this. */
const SIGN_IN_AGAIN_MS = 20 * 60_000;

export class LivenessClient {
  private signedIn: { accessToken: Promise<string>; at: number } | undefined;

  constructor(
    private readonly server: BffProcess,
    private readonly user = "owner",
  ) {}

  private accessToken(): Promise<string> {
    if (!this.signedIn || performance.now() - this.signedIn.at > SIGN_IN_AGAIN_MS) {
      this.signedIn = { accessToken: passwordGrant(this.server, this.user), at: performance.now() };
    }
    return this.signedIn.accessToken;
  }

  async token(client = "demo-client"): Promise<PlaygroundToken> {
    const accessToken = await this.accessToken();
    const ask = () => fetch(`${this.server.url}/api/clients/${client}/playground/token`, { method: "POST", headers: { authorization: `Bearer ${accessToken}` } });
    const response = await sendAgainIfClosed(ask);
    if (!response.ok) throw new Error(`No playground token: ${response.status} ${await response.text()}`);
    return (await response.json()) as PlaygroundToken;
  }

  async post(token: string, frames: readonly PostedFrame[]): Promise<Answer> {
    const body = JSON.stringify({ frames: frames.map((f) => ({ t: f.t, image: f.jpeg.toString("base64") })) });
    const started = performance.now();
    const send = () =>
      fetch(`${this.server.url}/extension/livenessdetection`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
    const response = await sendAgainIfClosed(send);
    const answer = (await response.json()) as { Success?: boolean; ErrorString?: string | null; Message?: string };
    return { success: answer.Success === true, errorString: answer.ErrorString ?? answer.Message ?? null, status: response.status, ms: performance.now() - started };
  }

  /**
   * Token shopping: new tokens until one of a token's sequences is `wanted` (or matches
   * `accepts`); earlier tries of that token are spent with a throwaway post. Gives up
   * after `maxTokens`.
   */
  async shop(accepts: (challenges: readonly Direction[]) => boolean, maxTokens = 600): Promise<{ token: string; challenges: Direction[]; tokens: number } | undefined> {
    for (let n = 1; n <= maxTokens; n++) {
      const token = await this.token();
      const k = token.challenges.findIndex(accepts);
      if (k < 0) continue;
      for (let spent = 0; spent < k; spent++) await this.post(token.token, []).catch(() => undefined);
      return { token: token.token, challenges: token.challenges[k], tokens: n };
    }
    return undefined;
  }
}

/**
 * After a pause longer than the server's keep-alive (65 s; the attacker's offline tuning
 * takes a minute or more), fetch may reuse a socket the server is closing: the request
 * never reached it, so sending it once more is safe.
 */
async function sendAgainIfClosed(send: () => Promise<Response>): Promise<Response> {
  // Every idle socket of the pool may have been closed: up to three sends.
  for (let sent = 1; ; sent++) {
    try {
      return await send();
    } catch (error) {
      if (sent >= 3 || !isConnectionReset(error)) throw error;
    }
  }
}

function isConnectionReset(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  // Node's fetch says "other side closed" (UND_ERR_SOCKET) when the server ended a kept-alive socket it found idle,
  // or EPIPE when that happened while the frames were being written (bench run of 7 December, 15:14).
  return cause?.code === "ECONNRESET" || cause?.code === "UND_ERR_SOCKET" || cause?.code === "EPIPE";
}

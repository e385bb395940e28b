import type { IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";
import type { RequestHandler } from "express";

/**
 * The source address that limits count per.
 * Rules:
 * - It is Express's `req.ip`: the app trusts X-Forwarded-For only from loopback (a local
 *   reverse proxy), so a client elsewhere cannot choose its own address.
 * - IPv4-mapped IPv6 addresses count as the IPv4 address.
 * - Other IPv6 addresses count per /64: one host usually holds a whole /64, and counting
 *   per address would let it rotate through 2^64 of them.
 * - oidc-provider runs as a Koa app inside Express and cannot see `req.ip`:
 *   `rememberSourceAddress` keeps it for `sourceAddressOf`.
 */
export function sourceAddress(ip: string | undefined): string {
  if (!ip) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const address = ip.replace(/%.*$/, "");
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
  return address.slice(0, 64);
}

const remembered = new WeakMap<IncomingMessage, string>();

export const rememberSourceAddress: RequestHandler = (req, _res, next) => {
  remembered.set(req, sourceAddress(req.ip));
  next();
};

/** The remembered source address; the socket's peer when none was remembered. */
export function sourceAddressOf(req: IncomingMessage): string {
  return remembered.get(req) ?? sourceAddress(req.socket.remoteAddress);
}

function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right].map((group) =>
    group.includes(".") ? group : (Number.parseInt(group, 16) || 0).toString(16),
  );
}

/** Reads `Authorization: Basic base64(App-ID:App-Secret)`; undefined when absent or malformed. */
export function readBasicAuth(header: string | undefined): { appId: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("latin1");
  const colon = decoded.indexOf(":");
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { appId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

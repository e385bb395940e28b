/**
 * True for requests to this portal's own Management API (`/api/...` on the page's origin).
 * Only these carry the bearer token and get API error handling; the IdP, the runtime
 * config and any third-party URL are left alone.
 */
export function isSameOriginApiUrl(url: string, pageOrigin: string): boolean {
  let target: URL;
  try {
    target = new URL(url, pageOrigin);
  } catch {
    return false;
  }
  return target.origin === pageOrigin && target.pathname.startsWith('/api/');
}

import { MongoNetworkError, MongoNetworkTimeoutError, MongoOperationTimeoutError, MongoServerError, MongoServerSelectionError } from "mongodb";
import type { StoreFailureCategory } from "./store-failure.ts";

/**
 * Sorts a MongoDB driver error into a category users may see. Rules:
 * - No server could be selected: "unreachable", whatever the socket saw (refused,
 *   closed by a non-MongoDB service, reset, not resolvable), so the answer never tells an
 *   open port from a closed one; except when a server answered and refused the
 *   credentials, or presented a certificate that was not accepted.
 * - Authentication failures (codes 18, 13) and certificate errors: their own category.
 * - A timeout on a connection in use: "timed out".
 */
const authenticationCodes = new Set([18, 13]);
const certificateCode = /^(CERT_|ERR_TLS_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;

export function mongoFailureCategory(error: unknown): StoreFailureCategory {
  if (error instanceof MongoServerSelectionError) {
    const causes = [...(error.reason?.servers.values() ?? [])].map((server) => server.error).filter((cause) => cause != null);
    if (causes.some(isAuthenticationFailure)) return "authenticationFailed";
    if (causes.some(isCertificateFailure)) return "tlsFailed";
    return "unreachable";
  }
  if (isAuthenticationFailure(error)) return "authenticationFailed";
  if (isCertificateFailure(error)) return "tlsFailed";
  if (error instanceof MongoNetworkTimeoutError || error instanceof MongoOperationTimeoutError) return "timedOut";
  if (error instanceof MongoNetworkError) return "unreachable";
  return "other";
}

function isAuthenticationFailure(error: unknown): boolean {
  return causeChain(error).some((cause) => cause instanceof MongoServerError && authenticationCodes.has(Number(cause.code)));
}

function isCertificateFailure(error: unknown): boolean {
  return causeChain(error).some((cause) => {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" && certificateCode.test(code);
  });
}

/** The error and its `cause`s, at most five deep. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current != null && chain.length < 5; current = (current as { cause?: unknown }).cause) chain.push(current);
  return chain;
}

import { maskConnectionStringsIn } from "../installations/connection-string.ts";
import type { InstallationStore } from "./installation-store.ts";

/**
 * What users see when an installation's database fails (import report, sync status,
 * diagnostics, the outbox's recorded errors): a category, never the driver's text, which
 * tells open from closed ports, names local files and quotes servers' answers. The full
 * text, with connection strings masked, goes to the server log only.
 */
export type StoreFailureCategory = "unreachable" | "authenticationFailed" | "timedOut" | "tlsFailed" | "refused" | "other";

const messages: Record<Exclude<StoreFailureCategory, "refused">, string> = {
  unreachable: "The installation's database cannot be reached (check hosts, ports, replica set and network).",
  authenticationFailed: "The installation's database refused the credentials (authentication failed or the user lacks rights).",
  timedOut: "The installation's database did not answer in time.",
  tlsFailed: "The TLS connection to the installation's database failed (certificate or host name not accepted).",
  other: "The installation's database answered with an error; the server log has the details.",
};

export class InstallationStoreError extends Error {
  constructor(
    readonly category: StoreFailureCategory,
    /** The driver's text, connection strings masked: for the server log only. */
    readonly detail: string,
    message = category === "refused" ? "The connection string is not allowed." : messages[category],
  ) {
    super(message);
    this.name = "InstallationStoreError";
  }
}

export interface StoreFailure {
  category: StoreFailureCategory | "internal";
  /** Safe to show to users and to store. */
  message: string;
  /** For the server log. */
  detail: string;
}

export function describeStoreFailure(error: unknown): StoreFailure {
  if (error instanceof InstallationStoreError) return { category: error.category, message: error.message, detail: error.detail };
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { category: "internal", message: "An unexpected error occurred; the server log has the details.", detail: maskConnectionStringsIn(text) };
}

/** A store for a connection string that cannot be used: every call fails with `error`. */
export function failingStore(error: InstallationStoreError): InstallationStore {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return {
    upsertClient: fail,
    deleteClient: fail,
    readClients: async function* () {
      throw error;
    },
    readLogEntries: fail,
    readClasses: fail,
    deleteClass: fail,
    close: async () => {},
  };
}

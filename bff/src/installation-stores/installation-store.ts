/**
 * What the BFF writes into, and reads from, an installation's own database. The
 * installations service and the sync worker depend on this interface only, so another
 * kind of installation store (e.g. Azure configuration storage) can be added beside the
 * MongoDB one. The document layout is documented in docs/installation-store.md.
 */
export interface ClientDocument {
  /** The client's unique name; also the document key. */
  name: string;
  storage: string;
  partition: number;
  /** False once the client has expired: the installation stops serving it. */
  enabled: boolean;
  expiresAt: Date;
  identification: boolean;
  logging: { logImages: boolean; level: string; retentionDays: number };
  certificates: { name: string; thumbprint: string }[];
  webApiKeys: { appId: string; secretHash: string; expiresAt: Date | null }[];
  /** Grows with every change in the BWS database; an installation never goes back. */
  version: number;
  updatedAt: Date;
}

export type WriteOutcome = "written" | "stale";

/** One call an installation served, from its `bwslog` collection. */
export interface LogEntryDocument {
  /** The document's `_id` as a string (an ObjectId's hex form). */
  id: string;
  at: Date;
  client: string;
  instance: string | null;
  operation: string;
  result: "success" | "failure" | "error";
  errorCode: string | null;
  durationMs: number | null;
  bcid: string | null;
  /** Every other field of the document. */
  details: Record<string, unknown> | null;
}

/** One enrolled class, from the installation's `classes` collection. */
export interface ClassDocument {
  id: string;
  storage: string;
  partition: number;
  classId: bigint;
  traits: { trait: string; templates: number }[];
  enrolledAt: Date;
  updatedAt: Date;
}

/** Where an incremental read continues: after this (time, _id), in that order. */
export interface ReadPosition {
  at: Date;
  id: string;
}

export interface InstallationStore {
  /** Writes the document unless the installation already holds this or a newer version. */
  upsertClient(document: ClientDocument): Promise<WriteOutcome>;
  /** Removes the client unless the installation holds a newer version of it. */
  deleteClient(name: string, version: number): Promise<WriteOutcome>;
  /** Every client document the installation holds (for the import on a new connection string). */
  readClients(): AsyncIterable<Partial<ClientDocument> & { name: string }>;
  /** Log entries after `after` in (at, _id) order, at most `limit`. */
  readLogEntries(after: ReadPosition | null, limit: number): Promise<LogEntryDocument[]>;
  /** Classes changed after `after` in (updatedAt, _id) order, at most `limit`. */
  readClasses(after: ReadPosition | null, limit: number): Promise<ClassDocument[]>;
  /** Deletes a class, or only one trait's templates (a pattern) when `trait` is given. */
  deleteClass(target: { storage: string; partition: number; classId: bigint; trait?: string }): Promise<WriteOutcome>;
  close(): Promise<void>;
}

export interface InstallationStoreFactory {
  open(connectionString: string): InstallationStore;
}

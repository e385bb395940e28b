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

export interface InstallationStore {
  /** Writes the document unless the installation already holds this or a newer version. */
  upsertClient(document: ClientDocument): Promise<WriteOutcome>;
  /** Removes the client unless the installation holds a newer version of it. */
  deleteClient(name: string, version: number): Promise<WriteOutcome>;
  /** Every client document the installation holds (for the import on a new connection string). */
  readClients(): AsyncIterable<Partial<ClientDocument> & { name: string }>;
  close(): Promise<void>;
}

export interface InstallationStoreFactory {
  open(connectionString: string): InstallationStore;
}

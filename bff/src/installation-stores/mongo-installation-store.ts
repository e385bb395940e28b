import { MongoClient, MongoServerError, type Collection } from "mongodb";
import { maskConnectionStringsIn } from "../installations/connection-string.ts";
import type { ClientDocument, InstallationStore, InstallationStoreFactory, WriteOutcome } from "./installation-store.ts";

/**
 * The installation store of BioIDSvc installations: the `clients` collection of the
 * installation's MongoDB, through the official driver.
 * Rules:
 * - Short timeouts: a dead installation fails a call in seconds, never hangs a request.
 * - Writes are idempotent and ordered by `version`: a document is replaced only by a newer
 *   version, so a redelivered or late message cannot undo a newer change.
 * - Errors never carry the connection string (drivers sometimes quote it): it is masked.
 */
type StoredClient = Omit<ClientDocument, "name"> & { _id: string };

export interface MongoStoreOptions {
  serverSelectionTimeoutMS?: number;
  socketTimeoutMS?: number;
  maxPoolSize?: number;
}

export class MongoInstallationStoreFactory implements InstallationStoreFactory {
  constructor(private readonly options: MongoStoreOptions = {}) {}

  open(connectionString: string): InstallationStore {
    return new MongoInstallationStore(connectionString, this.options);
  }
}

export class InstallationStoreError extends Error {}

function masked(error: unknown): InstallationStoreError {
  const message = error instanceof Error ? error.message : String(error);
  return new InstallationStoreError(maskConnectionStringsIn(message));
}

class MongoInstallationStore implements InstallationStore {
  private readonly client: MongoClient;
  private readonly clients: Collection<StoredClient>;

  constructor(connectionString: string, options: MongoStoreOptions) {
    try {
      this.client = new MongoClient(connectionString, {
        serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
        connectTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
        socketTimeoutMS: options.socketTimeoutMS ?? 15_000,
        maxPoolSize: options.maxPoolSize ?? 5,
        appName: "bws-portal",
      });
    } catch (error) {
      throw masked(error);
    }
    this.clients = this.client.db().collection<StoredClient>("clients");
  }

  async upsertClient(document: ClientDocument): Promise<WriteOutcome> {
    const { name, ...fields } = document;
    try {
      const result = await this.clients.updateOne(
        { _id: name, $or: [{ version: { $lt: document.version } }, { version: { $exists: false } }] },
        { $set: fields },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount > 0 ? "written" : "stale";
    } catch (error) {
      // The filter did not match because a newer (or the same) version is stored, and the
      // upsert's insert collided with it: nothing to write.
      if (error instanceof MongoServerError && error.code === 11000) return "stale";
      throw masked(error);
    }
  }

  async deleteClient(name: string, version: number): Promise<WriteOutcome> {
    try {
      const result = await this.clients.deleteOne({ _id: name, $or: [{ version: { $lte: version } }, { version: { $exists: false } }] });
      return result.deletedCount > 0 ? "written" : "stale";
    } catch (error) {
      throw masked(error);
    }
  }

  async *readClients(): AsyncIterable<Partial<ClientDocument> & { name: string }> {
    try {
      for await (const { _id, ...rest } of this.clients.find({}, { batchSize: 1000 })) {
        yield { ...rest, name: String(_id) };
      }
    } catch (error) {
      throw masked(error);
    }
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => {});
  }
}

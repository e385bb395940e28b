import { type Collection, type Document, type Filter, Long, MongoClient, MongoServerError, ObjectId } from "mongodb";
import { ConnectionStringError, maskConnectionStringsIn, parseConnectionString } from "../installations/connection-string.ts";
import { InstallationHosts } from "../installations/installation-hosts.ts";
import type {
  ClassDocument,
  ClientDocument,
  InstallationStore,
  InstallationStoreFactory,
  LogEntryDocument,
  ReadPosition,
  WriteOutcome,
} from "./installation-store.ts";
import { toClassDocument, toLogEntry } from "./mongo-documents.ts";
import { mongoFailureCategory } from "./mongo-failure-category.ts";
import { failingStore, InstallationStoreError } from "./store-failure.ts";

/**
 * The installation store of BioIDSvc installations: the `clients` collection of the
 * installation's MongoDB, through the official driver.
 * Rules:
 * - Short timeouts: a dead installation fails a call in seconds, never hangs a request.
 * - Writes are idempotent and ordered by `version`: a document is replaced only by a newer
 *   version, so a redelivered or late message cannot undo a newer change.
 * - The driver gets the normalised connection string (installations/connection-string.ts),
 *   re-checked here with INSTALLATION_HOSTS: a stored string the rules no longer allow is
 *   not used.
 * - Errors carry a category for users; the driver's text, connection strings masked, is
 *   only their `detail` (installation-stores/store-failure.ts).
 */
type StoredClient = Omit<ClientDocument, "name"> & { _id: string };

export interface MongoStoreOptions {
  serverSelectionTimeoutMS?: number;
  socketTimeoutMS?: number;
  maxPoolSize?: number;
  /** INSTALLATION_HOSTS; any host when absent. */
  hosts?: InstallationHosts;
}

export class MongoInstallationStoreFactory implements InstallationStoreFactory {
  constructor(private readonly options: MongoStoreOptions = {}) {}

  /** Never throws: a connection string that cannot be used gives a store whose calls fail. */
  open(connectionString: string): InstallationStore {
    try {
      const parsed = parseConnectionString(connectionString);
      (this.options.hosts ?? new InstallationHosts()).check(parsed);
      return new MongoInstallationStore(parsed.normalised, this.options);
    } catch (error) {
      if (error instanceof ConnectionStringError) {
        return failingStore(new InstallationStoreError("refused", error.message, `The stored connection string cannot be used: ${error.message}.`));
      }
      return failingStore(masked(error));
    }
  }
}

function masked(error: unknown): InstallationStoreError {
  const message = error instanceof Error ? error.message : String(error);
  return new InstallationStoreError(mongoFailureCategory(error), maskConnectionStringsIn(message));
}

class MongoInstallationStore implements InstallationStore {
  private readonly client: MongoClient;
  private readonly clients: Collection<StoredClient>;
  private readonly bwslog: Collection;
  private readonly classes: Collection;

  constructor(connectionString: string, options: MongoStoreOptions) {
    this.client = new MongoClient(connectionString, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
      connectTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
      socketTimeoutMS: options.socketTimeoutMS ?? 15_000,
      maxPoolSize: options.maxPoolSize ?? 5,
      appName: "bws-portal",
    });
    this.clients = this.client.db().collection<StoredClient>("clients");
    this.bwslog = this.client.db().collection("bwslog");
    this.classes = this.client.db().collection("classes");
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

  async readLogEntries(after: ReadPosition | null, limit: number): Promise<LogEntryDocument[]> {
    try {
      const documents = await this.bwslog.find(afterFilter("at", after)).sort({ at: 1, _id: 1 }).limit(limit).toArray();
      return documents.map(toLogEntry);
    } catch (error) {
      throw masked(error);
    }
  }

  async readClasses(after: ReadPosition | null, limit: number): Promise<ClassDocument[]> {
    try {
      const documents = await this.classes.find(afterFilter("updatedAt", after)).sort({ updatedAt: 1, _id: 1 }).limit(limit).toArray();
      return documents.flatMap((document) => toClassDocument(document) ?? []);
    } catch (error) {
      throw masked(error);
    }
  }

  async deleteClass(target: { storage: string; partition: number; classId: bigint; trait?: string }): Promise<WriteOutcome> {
    const filter = { storage: target.storage, partition: target.partition, classId: { $in: [Long.fromBigInt(target.classId), Number(target.classId)] } };
    try {
      if (target.trait === undefined) {
        const result = await this.classes.deleteOne(filter);
        return result.deletedCount > 0 ? "written" : "stale";
      }
      const result = await this.classes.updateOne(
        { ...filter, "traits.trait": target.trait },
        { $pull: { traits: { trait: target.trait } }, $set: { updatedAt: new Date() } } as Document,
      );
      return result.modifiedCount > 0 ? "written" : "stale";
    } catch (error) {
      throw masked(error);
    }
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => {});
  }
}

/** Documents after a (time, _id) position; `_id`s written by the driver are ObjectIds. */
function afterFilter(timeField: string, after: ReadPosition | null): Filter<Document> {
  if (!after) return {};
  // An empty id starts at a time, inclusive (the re-read window of the bwslog import).
  if (after.id === "") return { [timeField]: { $gte: after.at } };
  const id = ObjectId.isValid(after.id) && after.id.length === 24 ? new ObjectId(after.id) : after.id;
  return { $or: [{ [timeField]: { $gt: after.at } }, { [timeField]: after.at, _id: { $gt: id } as Document }] };
}

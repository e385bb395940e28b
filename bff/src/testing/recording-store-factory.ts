import type { ClientDocument, InstallationStore, InstallationStoreFactory } from "../installation-stores/installation-store.ts";
import { MongoInstallationStoreFactory, type MongoStoreOptions } from "../installation-stores/mongo-installation-store.ts";

/** The MongoDB store, recording every client write and its outcome, so tests can check order and duplicates. */
export class RecordingStoreFactory implements InstallationStoreFactory {
  readonly writes: { name: string; version: number; outcome: string }[] = [];
  readonly classDeletes: { storage: string; partition: number; classId: string; trait?: string }[] = [];
  private readonly inner: MongoInstallationStoreFactory;

  constructor(options: MongoStoreOptions = {}) {
    this.inner = new MongoInstallationStoreFactory(options);
  }

  open(connectionString: string): InstallationStore {
    const store = this.inner.open(connectionString);
    return {
      upsertClient: async (doc: ClientDocument) => {
        const outcome = await store.upsertClient(doc);
        this.writes.push({ name: doc.name, version: doc.version, outcome });
        return outcome;
      },
      deleteClient: (name, version) => store.deleteClient(name, version),
      readClients: () => store.readClients(),
      readLogEntries: (after, limit) => store.readLogEntries(after, limit),
      readClasses: (after, limit) => store.readClasses(after, limit),
      deleteClass: (target) => {
        this.classDeletes.push({ ...target, classId: String(target.classId) });
        return store.deleteClass(target);
      },
      close: () => store.close(),
    };
  }
}

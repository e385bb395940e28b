/**
 * The import report's messages, worded as seed 000 words them. One or more messages per
 * client; `kind` drives the portal's icon and the CSV column.
 */
export type ImportMessageKind =
  | "notSynchronized"
  | "certificateAdded"
  | "certificateUnknown"
  | "imported"
  | "onlyInBws"
  | "inSync"
  | "notImported";

export interface ImportMessage {
  kind: ImportMessageKind;
  client: string;
  text: string;
}

const describe = (version: number | undefined, updatedAt: Date | undefined) =>
  `version ${version ?? "unknown"}${updatedAt ? `, updated ${updatedAt.toISOString()}` : ""}`;

export const importMessage = {
  notSynchronized: (client: string, bws: { version: number; updatedAt: Date }, installation: { version?: number; updatedAt?: Date }): ImportMessage => ({
    kind: "notSynchronized",
    client,
    text:
      `Client '${client}' is in the BWS database (${describe(bws.version, bws.updatedAt)}) and in the MongoDB database of the installation ` +
      `(${describe(installation.version, installation.updatedAt)}) and has not been synchronized. ` +
      "Note that, when the client is updated the next time, the BWS database version is written to the installation!",
  }),
  certificateAdded: (client: string, certName: string, thumbprint: string): ImportMessage => ({
    kind: "certificateAdded",
    client,
    text: `Certificate '${certName}' (with thumbprint ${thumbprint}) has been added to client '${client}'.`,
  }),
  certificateUnknown: (client: string, thumbprint: string): ImportMessage => ({
    kind: "certificateUnknown",
    client,
    text:
      `A certificate with thumbprint ${thumbprint} is not in the BWS database and cannot be added to client '${client}'. ` +
      "Note that, when the client is updated the next time, this certificate setting is lost!",
  }),
  imported: (client: string): ImportMessage => ({
    kind: "imported",
    client,
    text:
      `Client '${client}' has been synchronized from the MongoDB database of the installation to the BWS database. ` +
      "Please modify the permissions of this client to grant the developers access to the client.",
  }),
  onlyInBws: (client: string): ImportMessage => ({
    kind: "onlyInBws",
    client,
    text:
      `Client '${client}' is only in the BWS database, but not in the MongoDB database of the installation. ` +
      "You have to update this client explicitly so that the BWS database version is written to the installation!",
  }),
  inSync: (client: string): ImportMessage => ({
    kind: "inSync",
    client,
    text: `Client '${client}' is the same in the BWS database and in the MongoDB database of the installation.`,
  }),
  notImported: (client: string, reason: string): ImportMessage => ({
    kind: "notImported",
    client,
    text: `Client '${client}' could not be imported: ${reason}`,
  }),
};

import { describe, expect, it } from "vitest";
import { connectionStringSchema, ConnectionStringError, maskConnectionString, parseConnectionString } from "./connection-string.ts";

describe("parseConnectionString", () => {
  it("keeps hosts, ports, database, credentials and allowed options, with the options' canonical names", () => {
    const parsed = parseConnectionString(
      "mongodb://bws%40corp:p%3Ass@DB1.example.com:27017,[fd00::1]:27018/bws?REPLICASET=rs0&tls=true&authSource=admin&retryWrites=true&w=majority&readPreferenceTags=dc:a&readPreferenceTags=dc:b",
    );
    expect(parsed).toEqual({
      normalised:
        "mongodb://bws%40corp:p%3Ass@DB1.example.com:27017,[fd00::1]:27018/bws?replicaSet=rs0&tls=true&authSource=admin&retryWrites=true&w=majority&readPreferenceTags=dc%3Aa&readPreferenceTags=dc%3Ab",
      hosts: ["db1.example.com", "fd00::1"],
      srv: false,
    });
    expect(parseConnectionString("mongodb+srv://u:p@cluster.example.net/bws?authMechanism=SCRAM-SHA-256")).toMatchObject({ hosts: ["cluster.example.net"], srv: true });
    expect(parseConnectionString("mongodb://127.0.0.1:27017").normalised).toBe("mongodb://127.0.0.1:27017/");
  });

  it.each([
    ["tlsCAFile", "mongodb://h/bws?tls=true&tlsCAFile=/nonexistent"],
    ["tlsCAFile", "mongodb://h/bws?tls=true&tlsCAFile=/etc/hostname"],
    ["tlsCertificateKeyFile", "mongodb://h/bws?tls=true&tlsCertificateKeyFile=/etc/hostname"],
    ["tlsCertificateKeyFilePassword", "mongodb://h/bws?tlsCertificateKeyFilePassword=x"],
    ["tlsCRLFile", "mongodb://h/bws?tlsCRLFile=/etc/hostname"],
    ["TLSCAFILE", "mongodb://h/bws?TLSCAFILE=/etc/hostname"],
    ["authMechanismProperties", "mongodb://h/bws?authMechanism=SCRAM-SHA-256&authMechanismProperties=ENVIRONMENT:azure"],
    ["proxyHost", "mongodb://h/bws?proxyHost=10.0.0.1&proxyPort=1080"],
    ["mongodbLogPath", "mongodb://h/bws?mongodbLogPath=/tmp/x"],
    ["localAddress", "mongodb://h/bws?localAddress=10.0.0.5"],
    ["noSuchOption", "mongodb://h/bws?noSuchOption=1"],
  ])("refuses the option %s, naming it", (option, value) => {
    expect(() => parseConnectionString(value)).toThrow(ConnectionStringError);
    expect(() => parseConnectionString(value)).toThrow(new RegExp(`^option '${option}' is not allowed`));
  });

  it.each(["MONGODB-OIDC", "MONGODB-AWS", "GSSAPI", "PLAIN", "MONGODB-X509"])("refuses authMechanism=%s: only SCRAM is allowed", (mechanism) => {
    expect(() => parseConnectionString(`mongodb://u@h/bws?authMechanism=${mechanism}`)).toThrow(/^option 'authMechanism' must be SCRAM-SHA-1 or SCRAM-SHA-256/);
  });

  it("refuses MONGODB-OIDC with a cloud ENVIRONMENT on the first offending option", () => {
    expect(() => parseConnectionString("mongodb://h/bws?authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:gcp,TOKEN_RESOURCE:x")).toThrow(
      /^option 'authMechanism'/,
    );
  });

  it("refuses values the driver does not accept, repeated options and database names MongoDB forbids", () => {
    expect(() => parseConnectionString("mongodb://h/bws?retryWrites=maybe")).toThrow(/^the MongoDB driver does not accept it/);
    expect(() => parseConnectionString("mongodb://h/bws?tls=true&tls=false")).toThrow(/^option 'tls' appears more than once/);
    expect(() => parseConnectionString("mongodb://h/a%2Fb")).toThrow(/database name/);
    expect(() => parseConnectionString("mongodb://:pw@h/bws")).toThrow(/^not a valid MongoDB connection string/);
  });

  it("never quotes the password in what it refuses", () => {
    for (const value of ["mongodb://bws:hunter2@h/bws?retryWrites=maybe", "mongodb://bws:hunter2@h/bws?x=1"]) {
      expect(() => parseConnectionString(value)).toThrow(ConnectionStringError);
      try {
        parseConnectionString(value);
      } catch (error) {
        expect((error as Error).message).not.toContain("hunter2");
      }
    }
  });
});

describe("connectionStringSchema", () => {
  it("answers the normalised string, or an issue naming the refused option", () => {
    expect(connectionStringSchema.parse(" mongodb://h:1/bws?directConnection=true ")).toBe("mongodb://h:1/bws?directConnection=true");
    const result = connectionStringSchema.safeParse("mongodb://h/bws?tlsCertificateKeyFile=/etc/ssl/private/key.pem");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^option 'tlsCertificateKeyFile' is not allowed/);
  });
});

describe("maskConnectionString", () => {
  it("hides the password and the options", () => {
    expect(maskConnectionString("mongodb://bws:s3cret@db:27017/bws?tls=true")).toBe("mongodb://bws:****@db:27017/bws");
  });
});

import forge from "node-forge";
import { BadRequestError } from "../errors.ts";

/**
 * Iteration counts of the password-based key derivations in an uploaded key or PKCS#12
 * file. node-forge derives keys in JavaScript (about 13 µs per PBKDF2-SHA256 iteration
 * here), so the count a file asks for decides how long it occupies a worker. Rules:
 * - Counts are read from the ASN.1 structure before any derivation: an encrypted PKCS#8
 *   key's PBES2/PBKDF2 or PBES1/PKCS#12-PBE parameters; a PKCS#12 file's MAC (default 1),
 *   its encrypted contents and its shrouded key bags.
 * - A count above the cap is refused with 400 naming the count and the cap.
 * - Key bags inside encrypted contents can only be read after decrypting them, so
 *   `withKdfIterationCap` also makes node-forge's own derivations refuse such counts.
 */
type Asn1 = forge.asn1.Asn1;

const oids = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
};
/** pbeWithMD2/MD5/SHA1And(DES|RC2)-CBC and the PKCS#12 PBE schemes: params are (salt, iterations). */
const saltAndCountSchemes = /^1\.2\.840\.113549\.1\.(5\.(1|3|4|6|10|11)|12\.1\.[1-6])$/;

export interface KdfUse {
  /** What the count protects, as a sentence subject. */
  what: string;
  iterations: bigint;
}

export function assertKdfIterationsWithin(uses: readonly KdfUse[], cap: number): void {
  const over = uses.find((use) => use.iterations > BigInt(cap));
  if (over) throw tooManyIterations(over.what, over.iterations, cap);
}

/** In an encrypted PKCS#8 key (EncryptedPrivateKeyInfo, DER as a binary string). */
export function pkcs8KdfUses(der: string): KdfUse[] {
  const info = parseDer(der);
  const iterations = info && iterationsOf(childrenOf(info)?.[0]);
  return iterations === undefined ? [] : [{ what: "The private key's encryption", iterations }];
}

/** In a PKCS#12 file (PFX, DER as a binary string). */
export function pkcs12KdfUses(der: string): KdfUse[] {
  const [, authSafe, macData] = childrenOf(parseDer(der)) ?? [];
  const uses: KdfUse[] = [];
  if (macData) {
    const count = childrenOf(macData)?.[2];
    uses.push({ what: "The PKCS#12 MAC", iterations: count ? (integerOf(count) ?? 0n) : 1n });
  }
  const contentInfos = childrenOf(parseDer(explicitOctets(authSafe) ?? "")) ?? [];
  for (const contentInfo of contentInfos) {
    const [type, content] = childrenOf(contentInfo) ?? [];
    const inner = childrenOf(content)?.[0];
    if (oidOf(type) === oids.encryptedData) {
      const encryptedContentInfo = childrenOf(inner)?.[1];
      const iterations = iterationsOf(childrenOf(encryptedContentInfo)?.[1]);
      if (iterations !== undefined) uses.push({ what: "The PKCS#12 encrypted contents", iterations });
    } else if (oidOf(type) === oids.data) {
      for (const bag of childrenOf(parseDer(octetsOf(inner) ?? "")) ?? []) {
        const [bagId, bagValue] = childrenOf(bag) ?? [];
        if (oidOf(bagId) !== oids.shroudedKeyBag) continue;
        const iterations = iterationsOf(childrenOf(childrenOf(bagValue)?.[0])?.[0]);
        if (iterations !== undefined) uses.push({ what: "The PKCS#12 private key's encryption", iterations });
      }
    }
  }
  return uses;
}

type DeriveFn = (password: string, salt: unknown, count: number, ...rest: unknown[]) => unknown;
type Pkcs12KeyFn = (password: string, salt: unknown, id: number, count: number, ...rest: unknown[]) => unknown;
const pbe = (forge as unknown as { pbe: { generatePkcs12Key: Pkcs12KeyFn } }).pbe;
const pkcs5 = forge.pkcs5 as unknown as { pbkdf2: DeriveFn };
const pkcs12 = forge.pkcs12 as unknown as { generateKey: Pkcs12KeyFn };

/**
 * Runs synchronous node-forge work with its PBKDF2 and PKCS#12 key derivations refusing
 * counts over the cap. Synchronous, so no other work sees the guarded functions.
 */
export function withKdfIterationCap<T>(cap: number, work: () => T): T {
  const original = { pbkdf2: pkcs5.pbkdf2, pbeKey: pbe.generatePkcs12Key, pkcs12Key: pkcs12.generateKey };
  const check = (count: number) => {
    if (count > cap) throw tooManyIterations("A key derivation inside the file", BigInt(count), cap);
  };
  pkcs5.pbkdf2 = (password, salt, count, ...rest) => (check(count), original.pbkdf2(password, salt, count, ...rest));
  pbe.generatePkcs12Key = (password, salt, id, count, ...rest) => (check(count), original.pbeKey(password, salt, id, count, ...rest));
  pkcs12.generateKey = (password, salt, id, count, ...rest) => (check(count), original.pkcs12Key(password, salt, id, count, ...rest));
  try {
    return work();
  } finally {
    pkcs5.pbkdf2 = original.pbkdf2;
    pbe.generatePkcs12Key = original.pbeKey;
    pkcs12.generateKey = original.pkcs12Key;
  }
}

function tooManyIterations(what: string, iterations: bigint, cap: number): BadRequestError {
  const count = (n: bigint | number) => n.toLocaleString("en-US");
  return new BadRequestError(
    `${what} uses ${count(iterations)} key derivation iterations; this server accepts at most ${count(cap)}. Export the file again with fewer iterations (2,048 to 10,000 are usual).`,
    "TooManyKdfIterations",
  );
}

/** The iteration count of a PBES2 (with PBKDF2) or PBES1/PKCS#12-PBE AlgorithmIdentifier. */
function iterationsOf(algorithm: Asn1 | undefined): bigint | undefined {
  const [id, params] = childrenOf(algorithm) ?? [];
  const oid = oidOf(id);
  if (oid === oids.pbes2) {
    const [kdfId, kdfParams] = childrenOf(childrenOf(params)?.[0]) ?? [];
    return oidOf(kdfId) === oids.pbkdf2 ? integerOf(childrenOf(kdfParams)?.[1]) : undefined;
  }
  return oid && saltAndCountSchemes.test(oid) ? integerOf(childrenOf(params)?.[1]) : undefined;
}

function parseDer(der: string): Asn1 | undefined {
  try {
    return der ? forge.asn1.fromDer(der) : undefined;
  } catch {
    return undefined;
  }
}

function childrenOf(node: Asn1 | undefined): Asn1[] | undefined {
  return node && Array.isArray(node.value) ? node.value : undefined;
}

function isUniversal(node: Asn1 | undefined, type: forge.asn1.Type): node is Asn1 & { value: string } {
  return node?.tagClass === forge.asn1.Class.UNIVERSAL && node.type === type && typeof node.value === "string";
}

function oidOf(node: Asn1 | undefined): string | undefined {
  return isUniversal(node, forge.asn1.Type.OID) ? forge.asn1.derToOid(node.value) : undefined;
}

/** An INTEGER of any size, read unsigned: a "negative" count is refused as a huge one. */
function integerOf(node: Asn1 | undefined): bigint | undefined {
  if (!isUniversal(node, forge.asn1.Type.INTEGER) || node.value.length === 0) return undefined;
  return BigInt(`0x${forge.util.bytesToHex(node.value)}`);
}

/** An OCTET STRING's bytes, also when encoded as constructed (BER). */
function octetsOf(node: Asn1 | undefined): string | undefined {
  if (node?.tagClass !== forge.asn1.Class.UNIVERSAL || node.type !== forge.asn1.Type.OCTETSTRING) return undefined;
  if (typeof node.value === "string") return node.value;
  return node.value.map((part) => octetsOf(part) ?? "").join("");
}

/** The OCTET STRING inside a ContentInfo's `[0] EXPLICIT` content. */
function explicitOctets(contentInfo: Asn1 | undefined): string | undefined {
  return octetsOf(childrenOf(childrenOf(contentInfo)?.[1])?.[0]);
}

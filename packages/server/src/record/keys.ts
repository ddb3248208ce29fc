/**
 * The server's signing key (Ed25519). It signs the heads of the record (the
 * ledger's and each text's last hash) and the checkpoints it writes, so that
 * whoever edits the database cannot also forge what the server vouched for.
 * The key lives outside the database (a file beside it by default,
 * GAVEL_SIGNING_KEY_FILE on a cluster, where every node shares it).
 */
import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import canonicalize from 'canonicalize';

/** What a signature covers: a kind (so a signature of one kind never passes for another) and a body. */
function message(kind: string, body: unknown): Buffer {
  const canonical = canonicalize({ kind, body });
  if (canonical === undefined) throw new Error('cannot sign what cannot be serialized');
  return Buffer.from(canonical, 'utf8');
}

export class RecordKeys {
  /** base64 of the public key (SPKI DER): what exports carry and clients are given. */
  readonly publicKey: string;
  /** A short name of the key: the first 16 hex digits of sha256 of the public key. */
  readonly keyId: string;

  private constructor(private readonly privateKey: KeyObject) {
    const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    this.publicKey = der.toString('base64');
    this.keyId = createHash('sha256').update(der).digest('hex').slice(0, 16);
  }

  /** The key kept in `file`, made (mode 600) on first start. */
  static fromFile(file: string): RecordKeys {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    }
    return new RecordKeys(createPrivateKey(readFileSync(file)));
  }

  /** A fresh key in memory (tests). */
  static ephemeral(): RecordKeys {
    return new RecordKeys(generateKeyPairSync('ed25519').privateKey);
  }

  /**
   * A secret derived from the private key for another use (`label`): the
   * nodes of a cluster share the key file, so they share this too, and it
   * reveals nothing of the key.
   */
  derive(label: string): string {
    return createHmac('sha256', this.privateKey.export({ type: 'pkcs8', format: 'der' })).update(label).digest('hex');
  }

  sign(kind: string, body: unknown): string {
    return sign(null, message(kind, body), this.privateKey).toString('base64');
  }

  verify(kind: string, body: unknown, signature: string): boolean {
    return verifySigned(this.publicKey, kind, body, signature);
  }
}

/** Checks a signature with a public key given as base64 SPKI DER (as exports carry it). */
export function verifySigned(publicKey: string, kind: string, body: unknown, signature: string): boolean {
  if (typeof signature !== 'string' || signature.length === 0) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, message(kind, body), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The kinds of signed things. */
export const SIGNED = {
  /** A meeting's record as it stood: `SignedHead`. */
  head: 'gavel.head.v1',
  docCheckpoint: 'gavel.doc-checkpoint.v1',
  stateCheckpoint: 'gavel.state-checkpoint.v1',
} as const;

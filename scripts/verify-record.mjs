#!/usr/bin/env node
/**
 * Verifies a meeting's record offline, as a delegation or an auditor would,
 * with nothing but Node.js: the export from GET /api/meetings/{id}/ledger
 * (JSON lines: a header, the events, the texts' updates, the signed head).
 *
 *   node scripts/verify-record.mjs record.jsonl [earlier.jsonl]
 *
 * It checks that every event and every text update chains to the one before
 * it (sha256 over canonical JSON, RFC 8785), that every anchor of the ledger
 * (the texts' heads bound by an adoption or a decision) is a link of its
 * text, and that the signed head at the end matches the chains and carries a
 * valid Ed25519 signature of the key named in the header. Given an earlier
 * export, it checks that this record still contains the head of the earlier
 * one (nothing cut or rewritten since). Exits 0 when all holds, 1 otherwise,
 * naming the first broken link. Written apart from the server's code on
 * purpose: the check does not trust the software it checks.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const GENESIS = '0'.repeat(64);
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** RFC 8785 canonical JSON for the values a record holds (strings, integers, booleans, null, arrays, objects). */
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

function hashEvent(e) {
  const { meetingId, seq, type, payload, actor, at, prevHash, anchors } = e;
  return sha256(prevHash + canonical({ meetingId, seq, type, payload, actor, at, prevHash, ...(anchors ? { anchors } : {}) }));
}

function hashUpdate(meetingId, u) {
  const update = sha256(Buffer.from(u.update, 'base64'));
  return sha256(u.prevHash + canonical({ meetingId, docName: u.docName, seq: u.seq, at: u.at, actor: u.actor, cause: u.cause ?? null, update }));
}

function read(file) {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const header = lines[0];
  if (header?.record !== 'gavel') throw new Error(`${file}: not a Gavel record export`);
  const events = lines.filter((l) => typeof l.seq === 'number' && typeof l.type === 'string');
  const updates = lines.filter((l) => l.textUpdate).map((l) => l.textUpdate);
  const signed = lines.at(-1)?.signedHead;
  return { header, events, updates, signed };
}

function signatureValid(signed) {
  try {
    const key = createPublicKey({ key: Buffer.from(signed.publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(canonical({ kind: 'gavel.head.v1', body: signed.head })), key, Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Returns the problems found (empty when the record holds), and the chains' heads. */
export function verifyRecord({ header, events, updates, signed }) {
  const problems = [];
  const meetingId = header.meetingId;
  let prev = GENESIS;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) problems.push(`ledger event ${e.seq}: expected event ${i + 1}`);
    else if (e.prevHash !== prev) problems.push(`ledger event ${e.seq}: does not chain to the event before it`);
    else if (hashEvent(e) !== e.hash) problems.push(`ledger event ${e.seq}: its content does not match its hash`);
    prev = e.hash;
  }
  const texts = {};
  for (const u of updates) (texts[u.docName] ??= []).push(u);
  const heads = { ledger: { seq: events.length, hash: prev }, texts: {} };
  for (const [doc, chain] of Object.entries(texts)) {
    let link = GENESIS;
    for (const [i, u] of chain.entries()) {
      if (u.seq !== i + 1) problems.push(`text ${doc}, update ${u.seq}: expected update ${i + 1}`);
      else if (u.prevHash !== link) problems.push(`text ${doc}, update ${u.seq}: does not chain to the update before it`);
      else if (hashUpdate(meetingId, u) !== u.hash) problems.push(`text ${doc}, update ${u.seq}: its content does not match its hash`);
      link = u.hash;
    }
    heads.texts[doc] = { seq: chain.length, hash: link };
  }
  for (const e of events) {
    for (const [doc, a] of Object.entries(e.anchors ?? {})) {
      if (a.seq > 0 && texts[doc]?.[a.seq - 1]?.hash !== a.hash) problems.push(`ledger event ${e.seq} binds text ${doc} at update ${a.seq}, which the text does not hold`);
    }
  }
  if (!signed) problems.push('the export does not end with a signed head');
  else {
    if (signed.publicKey !== header.publicKey) problems.push('the signed head names another key than the header');
    if (!signatureValid(signed)) problems.push('the signature of the head does not verify');
    if (signed.head.ledger.seq !== heads.ledger.seq || signed.head.ledger.hash !== heads.ledger.hash) problems.push('the signed head does not match the ledger');
    for (const [doc, h] of Object.entries(signed.head.texts)) {
      const mine = heads.texts[doc] ?? { seq: 0, hash: GENESIS };
      if (mine.seq !== h.seq || mine.hash !== h.hash) problems.push(`the signed head does not match text ${doc}`);
    }
  }
  return { problems, heads };
}

/** Problems if `record` no longer contains the head an earlier export signed. */
export function containsHead(record, earlier) {
  const problems = [];
  const head = earlier.signed?.head;
  if (!head || !signatureValid(earlier.signed)) return ['the earlier export has no valid signed head'];
  if (earlier.signed.publicKey !== record.header.publicKey) problems.push('the earlier export was signed with another key');
  if (head.ledger.seq > 0 && record.events[head.ledger.seq - 1]?.hash !== head.ledger.hash) {
    problems.push(`ledger event ${head.ledger.seq}, in the earlier export's head, is not in this record as it was: cut or rewritten`);
  }
  for (const [doc, h] of Object.entries(head.texts)) {
    const chain = record.updates.filter((u) => u.docName === doc);
    if (h.seq > 0 && chain[h.seq - 1]?.hash !== h.hash) problems.push(`text ${doc}, update ${h.seq}, in the earlier export's head, is not in this record as it was: cut or rewritten`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, earlierFile] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node scripts/verify-record.mjs record.jsonl [earlier.jsonl]');
    process.exit(2);
  }
  const record = read(file);
  const { problems, heads } = verifyRecord(record);
  if (earlierFile) problems.push(...containsHead(record, read(earlierFile)));
  if (problems.length) {
    console.log(`NOT VERIFIED: ${problems.length} problem(s), the first: ${problems[0]}`);
    for (const p of problems.slice(1, 10)) console.log(`  also: ${p}`);
    process.exit(1);
  }
  const texts = Object.entries(heads.texts).map(([d, h]) => `${d} (${h.seq} updates)`).join(', ');
  console.log(`VERIFIED: meeting ${record.header.meetingId}, ${heads.ledger.seq} events, texts: ${texts || 'none'}; signed by key ${record.header.keyId}${earlierFile ? '; contains the earlier export' : ''}`);
}

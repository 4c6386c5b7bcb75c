#!/usr/bin/env node
// Checks a Lacak complaint dossier offline, with nothing but Node:
//   node tools/verify-dossier.mjs dossier.json [--key public-key.pem]
// Proves that every event is the one the engine hashed (its content, its stream and revision, and
// the event before it), that each is in the event log's Merkle tree (RFC 9162) of the signed tree
// head, and that the head is signed by the key. Without --key it trusts the key inside the dossier:
// compare its keyId with the one the engine publishes at GET /audit/public-key.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (...parts) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();

// RFC 8785 canonical JSON for JSON values: keys sorted by UTF-16 code units, no whitespace.
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
}

// The hash of an event's canonical form: stream, revision, type, data, metadata without its own hash.
function eventHash(event, previousHash) {
  const { hash: _own, ...metadata } = event.metadata;
  if (previousHash !== undefined) metadata.previousHash = previousHash;
  const form = canonical({ streamId: event.streamId, revision: String(event.revision), type: event.type, data: event.data, metadata });
  return sha256(form).toString('hex');
}

// RFC 9162 §2.1.3.2: recompute the root from a leaf and its audit path.
function rootFromInclusion(leaf, index, size, path) {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const hex of path) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = sha256(Buffer.from([1]), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r.toString('hex') : null;
}

function fail(message) {
  console.error(`NOT PROVED: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const file = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--key');
if (!file) {
  console.error('Usage: node tools/verify-dossier.mjs <dossier.json> [--key <public key PEM file>]');
  process.exit(2);
}
const keyFile = args.includes('--key') ? args[args.indexOf('--key') + 1] : null;

let dossier;
try {
  dossier = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`${file} is not a readable JSON file (${error.message})`);
}
if (dossier.format !== 'lacak-dossier/1') fail(`unknown format ${JSON.stringify(dossier.format)}`);
const { events, treeHead: head } = dossier;
if (!Array.isArray(events) || events.length === 0) fail('the dossier holds no events');

// 1. The signed tree head, with the dossier's key or the one given.
const publicKey = createPublicKey(keyFile ? readFileSync(keyFile) : dossier.publicKey.publicKey);
const keyId = sha256(publicKey.export({ type: 'spki', format: 'der' })).toString('hex');
const message = Buffer.from(canonical({ rootHash: head.rootHash, signedAt: head.signedAt, size: head.size }));
if (!verify(null, message, publicKey, Buffer.from(head.signature, 'base64'))) {
  fail(`the tree head (size ${head.size}, signed ${head.signedAt}) does not carry a valid signature of key ${keyId}`);
}

// 2. Each event: its chain link, its hash, its place in the tree.
let previous = null;
let chained = false;
let withheld = 0;
events.forEach((event, i) => {
  const name = `event ${event.id} (${event.type ?? 'content withheld'}, ${event.streamId} revision ${event.revision})`;
  if (event.streamId !== events[0].streamId) fail(`${name} is not in the dossier's stream ${events[0].streamId}`);
  if (String(event.revision) !== String(i)) fail(`${name}: expected revision ${i}; the stream has a gap or is out of order`);
  // The tree's leaf is the hash of the event as stored; the chain's link is that hash too, once hashing began.
  let hash;
  if (event.withheld) {
    // Only its hashes: its place in the chain and in the tree is proved, not what it says.
    withheld += 1;
    hash = event.contentHash;
    if (event.previousHash !== undefined) {
      chained = true;
      if (event.previousHash !== previous) fail(`${name} does not follow the event before it (previous hash differs)`);
      if (event.chainHash !== hash) fail(`${name}: its chain hash and content hash differ`);
    } else if (chained) {
      fail(`${name} has no hash but follows hashed events`);
    }
    previous = event.chainHash;
  } else if (event.metadata.hash === undefined) {
    hash = eventHash(event);
    // Stored before hashing began: the chain goes on from the hash it would have had.
    if (chained) fail(`${name} has no hash but follows hashed events`);
    previous = eventHash(event, previous);
  } else {
    hash = eventHash(event);
    chained = true;
    if (event.metadata.previousHash !== previous) fail(`${name} does not follow the event before it (previous hash differs)`);
    if (hash !== event.metadata.hash) fail(`${name} was changed: its content hashes to ${hash}, not to the ${event.metadata.hash} it was stored with`);
    previous = hash;
  }
  const leaf = sha256(Buffer.from([0]), Buffer.from(hash, 'hex'));
  const root = rootFromInclusion(leaf, event.leafIndex, head.size, event.inclusionProof);
  if (root !== head.rootHash) fail(`${name} is not in the signed tree of ${head.size} events at leaf ${event.leafIndex}`);
});

const last = events[events.length - 1];
console.log(`Proved: complaint ${dossier.complaintId}, ${events.length} events (${last.streamId} revisions 0 to ${last.revision}).`);
console.log(`  Each event hashes to what the engine stored and names the event before it, so none was changed, removed, reordered or inserted.`);
if (withheld > 0) console.log(`  ${withheld} of them are given by their hashes only (they name the reporter's account): their place is proved, not their content.`);
console.log(`  Each is in the event log's Merkle tree of ${head.size} events, root ${head.rootHash},`);
console.log(`  signed ${head.signedAt} by Ed25519 key ${keyId}${keyFile ? ` (${keyFile})` : ' (from the dossier: compare it with GET /audit/public-key)'}.`);
console.log(`  Exported ${dossier.exportedAt} by ${dossier.exportedBy.role} ${dossier.exportedBy.id}.`);

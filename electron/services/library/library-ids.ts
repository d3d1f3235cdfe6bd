import * as crypto from 'node:crypto';
import type { Actor, FuzzyDate } from '../../../core/domain/library';

/**
 * SHA-256 (hex) of a UTF-8 string. The one-shot crypto.hash (Node 20.12+) is twice as fast as a
 * Hash object for short strings, and an import hashes two per source; same digest either way.
 */
const sha256OfText: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** First 16 hex digits of the SHA-256 of `text`: 64 bits, plenty for a personal library. */
function shortHash(text: string): string {
  return sha256OfText(text).slice(0, 16);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(value: number): string {
  return HEX[(value >>> 24) & 255]! + HEX[(value >>> 16) & 255]! + HEX[(value >>> 8) & 255]! + HEX[value & 255]!;
}

/**
 * A fast 64-bit hash of `text` as 16 hex digits (two multiply-xorshift lanes over the UTF-16 code
 * units, each finalized with the other mixed in). Not cryptographic, but well spread: a collision
 * among a million ids has a chance of about 1 in 36 million. Event ids use it because an import
 * makes one per row, where SHA-256 cost a large share of the store step.
 */
export function fastHash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  return hex32(h2 >>> 0) + hex32(h1 >>> 0);
}

/** Full SHA-256 (hex), for content hashes. */
export function sha256Hex(text: string): string {
  return sha256OfText(text);
}

/** A source's id from the parser's key (canonical URL, `hash:…` or `name:…`): the same key always gives the same id. */
export function sourceIdOf(key: string): string {
  return `src-${shortHash(key)}`;
}

/** A dataset's id from its name, so a re-import of a newer file of the same dataset finds it. */
export function datasetIdOf(name: string): string {
  return `ds-${shortHash(name.trim().toLowerCase())}`;
}

/** Content of an event without an external id, normalized so spacing and case do not make a new event. */
function eventContentKey(date: FuzzyDate, summary: string, actors: readonly Actor[]): string {
  const names = actors.map((actor) => actor.name.trim().toLowerCase()).join('|');
  return `${date.date}/${date.precision}\u0000${summary.replace(/\s+/g, ' ').trim().toLowerCase()}\u0000${names}`;
}

/**
 * An imported event's id: from the dataset name and the external id (GLOBALEVENTID,
 * event_id_cnty…) when there is one, so re-imports update it in place; else from its content.
 */
export function eventIdOf(datasetName: string, externalId: string | null, content: { date: FuzzyDate; summary: string; actors: readonly Actor[] }): string {
  if (externalId) return `ev-${fastHash64(`${datasetName}\u0000${externalId}`)}`;
  return `ev-${fastHash64(eventContentKey(content.date, content.summary, content.actors))}`;
}

/** A fresh id for an event made by hand (or accepted from a candidate). */
export function newManualEventId(): string {
  return `ev-m${crypto.randomBytes(8).toString('hex')}`;
}

/** Content hash of a source: its normalized text or, without text, its title + publisher + URL. */
export function sourceContentHash(source: { text: string; title: string; publisher: string; url: string | null }): string {
  const text = source.text.replace(/\s+/g, ' ').trim();
  return sha256Hex(text || `${source.title}\u0000${source.publisher}\u0000${source.url ?? ''}`);
}

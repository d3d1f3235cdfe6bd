import { createHash, randomBytes } from 'node:crypto';
import type { Actor, FuzzyDate } from '../../../core/domain/library';

/** First 16 hex digits of the SHA-256 of `text`: 64 bits, plenty for a personal library. */
function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** Full SHA-256 (hex), for content hashes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
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
  if (externalId) return `ev-${shortHash(`${datasetName}\u0000${externalId}`)}`;
  return `ev-${shortHash(eventContentKey(content.date, content.summary, content.actors))}`;
}

/** A fresh id for an event made by hand (or accepted from a candidate). */
export function newManualEventId(): string {
  return `ev-m${randomBytes(8).toString('hex')}`;
}

/** Content hash of a source: its normalized text or, without text, its title + publisher + URL. */
export function sourceContentHash(source: { text: string; title: string; publisher: string; url: string | null }): string {
  const text = source.text.replace(/\s+/g, ' ').trim();
  return sha256Hex(text || `${source.title}\u0000${source.publisher}\u0000${source.url ?? ''}`);
}

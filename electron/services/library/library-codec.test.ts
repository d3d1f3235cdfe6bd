import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LibraryEvent, Source } from '../../../core/domain/library';
import { decodeEvents, decodeSources, encodeEvents, encodeSources } from './library-codec';
import { DATA_FILE_VERSION, LibraryFileError, readDataFile, writeDataFile } from './library-files';

const origin = { kind: 'import' as const, datasetId: 'ds-abcd1234', file: 'a.csv' };
const date = { date: '2025-06-09', precision: 'day' as const };
function event(id: string, summary: string, extra: Partial<LibraryEvent> = {}): LibraryEvent {
  return {
    id, date, endDate: null, summary, type: { label: 'Talks', code: '040', taxonomy: 'CAMEO', subType: 'Consult' },
    actors: [{ name: 'China', role: 'initiator', countryCode: 'CHN', code: 'CHN' }], location: { name: 'London', country: 'UK', admin1: null, latitude: 51.5, longitude: -0.1 },
    figures: { tone: 1.5 }, sourceIds: ['src-0123456789abcdef'], datasetId: 'ds-abcd1234', datasetVersion: 1, externalId: id, origin,
    createdAt: '2025-06-10T00:00:00.000Z', updatedAt: '2025-06-10T00:00:00.000Z', ...extra,
  };
}

describe('the compact library files', () => {
  it('round-trips events and sources, sharing repeated values', () => {
    const events = [event('ev-0001', 'A'), event('ev-0002', 'B', { actors: [], location: null, endDate: { date: '2025-06-11', precision: 'day' }, figures: {} })];
    const decoded = decodeEvents(JSON.parse(JSON.stringify(encodeEvents(events))));
    expect(decoded).toEqual(events);
    expect(decoded[0]!.origin).toBe(decoded[1]!.origin);
    const source: Source = {
      id: 'src-0123456789abcdef', title: 'T', publisher: 'P', authors: [], published: null, url: 'https://x.org/a', canonicalUrl: 'https://x.org/a', language: null,
      retrievedAt: null, text: '', excerpt: '', grade: { reliability: 'B', credibility: null }, tags: ['x'], origin, contentHash: 'h', createdAt: 'c', updatedAt: 'u',
    };
    expect(decodeSources(JSON.parse(JSON.stringify(encodeSources([source]))))).toEqual([source]);
  });

  it('keeps the hand-edit mark, writes no column for it when nothing was edited, and reads files without it', () => {
    const plain = [event('ev-0001', 'A'), event('ev-0002', 'B')];
    const unmarked = encodeEvents(plain);
    expect(unmarked.columns).not.toHaveProperty('editedAt');
    expect(decodeEvents(JSON.parse(JSON.stringify(unmarked)))).toEqual(plain);
    const edited = [event('ev-0001', 'A'), event('ev-0002', 'B, as edited', { editedAt: '2025-06-11T08:00:00.000Z' })];
    const marked = encodeEvents(edited);
    expect(marked.columns).toHaveProperty('editedAt');
    const decoded = decodeEvents(JSON.parse(JSON.stringify(marked)));
    expect(decoded).toEqual(edited);
    expect(decoded[0]).not.toHaveProperty('editedAt');
  });

  it('writes schemaVersion 2, still reads schemaVersion 1 files, and refuses damaged ones', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bd-codec-'));
    try {
      const events = [event('ev-0001', 'A')];
      await writeDataFile(root, 'manual.json', { events });
      expect(JSON.parse(await readFile(join(root, 'manual.json'), 'utf8')).schemaVersion).toBe(DATA_FILE_VERSION);
      expect((await readDataFile(root, 'manual.json', 'manual')).events).toEqual(events);
      await writeFile(join(root, 'old.json'), JSON.stringify({ schemaVersion: 1, events }));
      expect((await readDataFile(root, 'old.json', 'manual')).events).toEqual(events);
      const damaged = JSON.parse(await readFile(join(root, 'manual.json'), 'utf8'));
      damaged.events.columns.summary = [];
      await writeFile(join(root, 'bad.json'), JSON.stringify(damaged));
      await expect(readDataFile(root, 'bad.json', 'manual')).rejects.toBeInstanceOf(LibraryFileError);
      await writeFile(join(root, 'future.json'), JSON.stringify({ schemaVersion: 9, events: [] }));
      await expect(readDataFile(root, 'future.json', 'manual')).rejects.toThrow(/newer version/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

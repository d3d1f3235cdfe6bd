import { expect, test } from './fixtures';

/**
 * `briefing-desk insert` through the built CLI while the browser edition runs on the same
 * workspace: the running server sees the cited facts the CLI wrote (another process, same files).
 */
/** The fields read here of a whole event record (`events --json` prints the contract's Event). */
interface EventRecord {
  id: string;
  date: { date: string };
  type: { label: string };
  summary: string;
}

interface NoteJson {
  id: string;
  version: number;
  content: { type: string; content?: unknown[] };
}

test.describe('insert from the command line', () => {
  test('the built CLI inserts the 5 June call and another event as cited facts', async ({ app, request }) => {
    expect((await app.cli('sample')).code).toBe(0);
    const created = await app.cli('new', '--template', 'situation-brief', '--title', 'Daily summary');
    expect(created.code, created.stderr).toBe(0);
    const noteId = created.stdout.trim();
    const events = JSON.parse((await app.cli('events', '--json', '--limit', '1000')).stdout) as EventRecord[];
    const call = events.find((event) => event.date.date === '2025-06-05' && /phone/i.test(`${event.type.label} ${event.summary}`));
    const other = events.find((event) => event.date.date === '2025-06-06');
    expect(call && other).toBeTruthy();

    const inserted = await app.cli('insert', noteId, '--event', other!.id, '--event', call!.id, '--as', 'chronology');
    expect(inserted.code, inserted.stderr).toBe(0);
    expect(inserted.stdout).toBe(`Inserted 2 facts into “Daily summary” (${noteId}).\n`);

    const bad = await app.cli('insert', noteId, '--event', 'ev-not-there');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/No event with id ev-not-there/);

    const auth = { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' };
    const api = async <T>(name: string, input: unknown): Promise<T> => {
      const response = await request.post(`${app.origin}/api/${name}`, { headers: auth, data: input });
      const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
      expect(body.ok, body.error?.message).toBe(true);
      return body.value;
    };
    const note = await api<NoteJson>('notes:get', { id: noteId });
    const json = JSON.stringify(note.content);
    // Oldest first, each with its provenance mark, before the Sources heading.
    expect(json.indexOf(call!.id)).toBeGreaterThan(-1);
    expect(json.indexOf(call!.id)).toBeLessThan(json.indexOf(other!.id));
    expect(json.indexOf(other!.id)).toBeLessThan(json.lastIndexOf('"Sources"'));
    expect(json).toContain('"type":"citation"');

    const provenance = await api<{ events: { id: string; status: string }[] }>('library:provenance', { eventIds: [call!.id, other!.id], sourceIds: [] });
    expect(provenance.events.map((event) => event.status)).toEqual(['current', 'current']);
  });
});

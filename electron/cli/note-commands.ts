import type { Note } from '../../core/index';
import { EXIT, PROGRAM, UsageError, cell, unwrap, withBackend, type CommandContext, type CommandSpec, type OptionValues } from './cli-support';

/** How `insert` writes the events, as notes:insert-events takes it. */
const INSERT_MODES = ['sentence', 'bullet', 'chronology'] as const;
type InsertMode = (typeof INSERT_MODES)[number];

/** Note commands of issue 4, merged into the CLI's command table. */
export const NOTE_COMMANDS: Record<string, CommandSpec> = {
  insert: {
    usage: `insert NOTE_ID --event ID... [--as ${INSERT_MODES.join('|')}]`,
    synopsis: 'insert NOTE_ID --event ID... [--as MODE]',
    summary: 'append events as cited facts at the end of a note, before its Sources section',
    options: { event: { type: 'string', multiple: true }, as: { type: 'string' } },
    operands: { name: 'NOTE_ID', min: 1, max: 1 },
    details: [
      '  NOTE_ID           the note (see "briefing-desk notes")',
      '  --event ID        an event id (see "briefing-desk events"); repeat the option or separate',
      '                    ids with commas to insert several, in the order given',
      '  --as MODE         sentence: one cited sentence per event (default); bullet: a bulleted list;',
      '                    chronology: a dated list, oldest first',
    ],
    notes: ['The facts are written exactly as the editor\'s "Insert as …" writes them, with a provenance', 'mark and a citation to each event\'s sources.'],
    run: runInsert,
  },
};

function parseMode(raw: string | boolean | undefined): InsertMode {
  if (raw === undefined || typeof raw === 'boolean') return 'sentence';
  const mode = INSERT_MODES.find((candidate) => candidate === raw);
  if (!mode) throw new UsageError(`--as must be one of ${INSERT_MODES.join(', ')} (got "${raw}")`);
  return mode;
}

function parseEventIds(raw: string | boolean | undefined): string[] {
  const ids = typeof raw === 'string' ? raw.split(',').map((id) => id.trim()).filter((id) => id !== '') : [];
  if (ids.length === 0) throw new UsageError(`missing --event ID — run "${PROGRAM} events" to find event ids`);
  return ids;
}

async function runInsert(values: OptionValues, context: CommandContext): Promise<number> {
  const noteId = context.operands[0]!;
  const eventIds = parseEventIds(values.event);
  const as = parseMode(values.as);
  return withBackend(context, async (backend) => {
    const result = unwrap<{ id: string; inserted: number }>(await backend.dispatch('notes:insert-events', { id: noteId, eventIds, as }));
    const note = unwrap<Note>(await backend.dispatch('notes:get', { id: result.id }));
    const facts = `${result.inserted} fact${result.inserted === 1 ? '' : 's'}`;
    context.io.stdout.write(`Inserted ${facts} into “${cell(note.meta.title)}” (${note.id}).\n`);
    return EXIT.ok;
  });
}

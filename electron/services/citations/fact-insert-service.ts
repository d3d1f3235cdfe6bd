import { AppError, type CallOutput, type ParsedInput } from '../../../core/index';
import type { LibraryEvent } from '../../../core/domain/library';
import { buildFactNodes, insertBeforeSources } from '../../../core/citations/facts';
import type { LibraryService } from '../library/library-service';
import type { NoteService } from '../notes/note-service';

/** What inserting facts is built from. */
export interface FactInsertServiceDeps {
  notes: NoteService;
  library: LibraryService;
  now: () => Date;
}

/**
 * `notes:insert-events` (the CLI's `insert`): events become cited facts at the end of a note,
 * before its Sources section. The nodes come from core/citations/facts.ts, the same builder the
 * editor's "Insert as sentence / bullet / chronology" uses, so both write the same document.
 */
export class FactInsertService {
  constructor(private readonly deps: FactInsertServiceDeps) {}

  /** Checks every event first (nothing is written when one is unknown), then edits the note under its lock. */
  async insertEvents(input: ParsedInput<'notes:insert-events'>): Promise<CallOutput<'notes:insert-events'>> {
    const state = await this.deps.library.state();
    const ids = [...new Set(input.eventIds)];
    const events = ids.map((id): LibraryEvent => {
      const event = state.events.get(id);
      if (!event) throw new AppError('not_found', `No event with id ${id}; it may have been deleted or its dataset removed.`);
      return event;
    });
    const insertedAt = this.deps.now().toISOString();
    // The library map holds every source of these events; the builder only looks up their ids.
    const nodes = buildFactNodes(events, state.sources, input.as, insertedAt);
    const saved = await this.deps.notes.editContent(input.id, (note) => insertBeforeSources(note.content, nodes));
    return { id: saved.id, version: saved.version, inserted: events.length };
  }
}

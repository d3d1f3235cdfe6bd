import type { NoteService } from '../notes/note-service';

interface Entry {
  updatedAt: string;
  ids: ReadonlySet<string>;
}

const LIBRARY_ID = /\b(?:ev|src|ds)-[a-z0-9-]{4,80}/g;

/**
 * Which notes mention a library id (citations and provenance marks store ids in node attributes).
 * The ids each note mentions are cached by the note's updatedAt, so asking again reads only notes
 * that changed since; the note list itself comes from the note index (no folder scan).
 */
export class CitingNotes {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly notes: NoteService) {}

  /** Notes (trash included, marked so) whose content mentions `id`. */
  async find(id: string): Promise<{ noteId: string; title: string }[]> {
    const [active, trashed] = await Promise.all([this.notes.list({ trashed: false }), this.notes.list({ trashed: true })]);
    const present = new Set<string>();
    const citing: { noteId: string; title: string }[] = [];
    for (const summary of [...active.notes, ...trashed.notes]) {
      present.add(summary.id);
      let entry = this.cache.get(summary.id);
      if (!entry || entry.updatedAt !== summary.updatedAt) {
        const note = await this.notes.read(summary.id);
        if (!note) continue;
        entry = { updatedAt: summary.updatedAt, ids: new Set(JSON.stringify(note.content).match(LIBRARY_ID) ?? []) };
        this.cache.set(summary.id, entry);
      }
      if (entry.ids.has(id)) citing.push({ noteId: summary.id, title: summary.trashedAt ? `${summary.title} (in the trash)` : summary.title });
    }
    for (const noteId of [...this.cache.keys()]) if (!present.has(noteId)) this.cache.delete(noteId);
    return citing;
  }
}

import { readdir, rm } from 'node:fs/promises';
import { AppError, type Note, type Revision, RevisionIdSchema, type RevisionSummary, countWords, docText } from '../../../core/index';
import { REVISION_FILE, type RevisionFile } from '../store/file-kinds';
import { newRevisionId, revisionIdTime } from '../store/ids';
import type { JsonStore } from '../store/json-store';
import { revisionDirPath, revisionPath } from '../workspace/workspace-layout';
import { sameJson } from './note-model';

/** At most one automatic revision per this much editing time. */
export const REVISION_INTERVAL_MS = 10 * 60 * 1000;

type Reason = Revision['reason'];

/**
 * A note's history: revisions/<noteId>/<revisionId>.json, written once and never changed. Callers
 * that take a revision hold the note's lock, so two processes cannot both take the interval one.
 */
export class RevisionService {
  constructor(
    private readonly store: JsonStore,
    private readonly now: () => Date,
  ) {}

  /** `revisions:list`: newest first. */
  async list(noteId: string): Promise<RevisionSummary[]> {
    const revisions = await Promise.all((await this.ids(noteId)).map((id) => this.read(noteId, id)));
    return revisions
      .filter((revision): revision is Revision => revision !== null)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1))
      .map(summaryOf);
  }

  /** `revisions:get`. */
  async get(noteId: string, revisionId: string): Promise<Revision> {
    // revisionPath refuses ids of another shape (invalid_input) before anything is read.
    const revision = await this.read(noteId, revisionId);
    if (!revision) throw new AppError('not_found', `Note ${noteId} has no revision ${revisionId}; it may have been deleted with the note.`);
    return revision;
  }

  /** Records the note as it is now. */
  async take(note: Note, reason: Reason): Promise<RevisionSummary> {
    const createdAt = this.now();
    const revision: Revision = {
      id: newRevisionId(createdAt),
      noteId: note.id,
      createdAt: createdAt.toISOString(),
      reason,
      title: note.meta.title,
      words: countWords(docText(note.content)),
      meta: note.meta,
      content: note.content,
    };
    await this.store.create<RevisionFile>(revisionPath(note.id, revision.id), REVISION_FILE, { schemaVersion: 1, revision });
    return summaryOf(revision);
  }

  /** A manual revision (Ctrl+S), unless the latest revision already holds exactly this note: then that one. */
  async snapshot(note: Note): Promise<RevisionSummary> {
    const latest = await this.latest(note.id);
    if (latest && sameJson(latest.content, note.content) && sameJson(latest.meta, note.meta)) return summaryOf(latest);
    return this.take(note, 'manual');
  }

  /** True when the note has no revision yet or its newest is at least {@link REVISION_INTERVAL_MS} old. */
  async intervalDue(noteId: string): Promise<boolean> {
    const [newestId] = await this.ids(noteId);
    if (!newestId) return true;
    const time = revisionIdTime(newestId) ?? Date.parse((await this.read(noteId, newestId))?.createdAt ?? '');
    return !(this.now().getTime() - time < REVISION_INTERVAL_MS);
  }

  /** Deletes a note's whole history. */
  async removeAll(noteId: string): Promise<void> {
    await rm(this.store.abs(revisionDirPath(noteId)), { recursive: true, force: true });
  }

  private async latest(noteId: string): Promise<Revision | null> {
    const [newestId] = await this.ids(noteId);
    return newestId ? this.read(noteId, newestId) : null;
  }

  /** Revision ids of a note, newest first (ids sort by creation time). */
  private async ids(noteId: string): Promise<string[]> {
    try {
      const names = await readdir(this.store.abs(revisionDirPath(noteId)));
      return names
        .filter((name) => name.endsWith('.json') && !name.startsWith('.') && !name.includes('.corrupt-'))
        .map((name) => name.slice(0, -'.json'.length))
        // A file of another name (copied in by hand) is not a revision, and could not be read by id.
        .filter((id) => RevisionIdSchema.safeParse(id).success)
        .sort()
        .reverse();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async read(noteId: string, revisionId: string): Promise<Revision | null> {
    return (await this.store.read(revisionPath(noteId, revisionId), REVISION_FILE))?.revision ?? null;
  }
}

function summaryOf(revision: Revision): RevisionSummary {
  const { id, noteId, createdAt, reason, title, words } = revision;
  return { id, noteId, createdAt, reason, title, words };
}

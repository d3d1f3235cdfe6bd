import {
  AppError,
  type CallOutput,
  type DocNode,
  type Note,
  type NoteSummary,
  type ParsedInput,
  fillDoc,
  fillString,
  formatNoteDate,
} from '../../../core/index';
import { validateDoc } from '../../../core/editor/schema';
import { NOTE_FILE, type NoteFile } from '../store/file-kinds';
import { newNoteId } from '../store/ids';
import type { JsonStore } from '../store/json-store';
import type { TemplateService } from '../templates/template-service';
import type { SettingsService } from '../workspace/settings-service';
import { notePath } from '../workspace/workspace-layout';
import type { NoteIndex } from './note-index';
import { cleanTags, localIsoDate, mergeMeta, noteNotFound, sameJson, summarize } from './note-model';
import type { RevisionService } from './revision-service';

/** What the note library is built from. */
export interface NoteServiceDeps {
  store: JsonStore;
  index: NoteIndex;
  revisions: RevisionService;
  templates: TemplateService;
  settings: SettingsService;
  now: () => Date;
}

const MAX_TITLE = 300;
const CREATE_ATTEMPTS = 5;
const FALLBACK_LOCALE = 'en-GB';

/** The note library: one JSON file per note, changed only by read-modify-write under the note's lock. */
export class NoteService {
  constructor(private readonly deps: NoteServiceDeps) {}

  /** Builds the in-memory index (and runs migrations on old note files). */
  async open(): Promise<void> {
    await this.deps.index.refresh();
  }

  /** `notes:list`. */
  async list(filter: ParsedInput<'notes:list'>): Promise<CallOutput<'notes:list'>> {
    await this.deps.index.refresh();
    return this.deps.index.list(filter);
  }

  /** Notes outside the trash. */
  async count(): Promise<number> {
    await this.deps.index.refresh();
    return this.deps.index.activeCount();
  }

  /** `notes:get`. */
  async get(id: string): Promise<Note> {
    const note = await this.read(id);
    if (!note) throw noteNotFound(id);
    return note;
  }

  /** Reads a note file; null when it is missing or unusable (the store has recorded why). */
  async read(id: string): Promise<Note | null> {
    try {
      const file = await this.deps.store.read(notePath(id), NOTE_FILE);
      return file?.note ?? null;
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return null;
      throw error;
    }
  }

  /** `notes:create`: a new note from a template with `{{title}}`, `{{date}}`, `{{author}}` and `{{marking}}` filled. */
  async create(input: ParsedInput<'notes:create'>): Promise<Note> {
    const [{ template }, settings] = await Promise.all([this.deps.templates.get(input.templateId), this.deps.settings.get()]);
    const now = this.deps.now();
    const date = input.date ?? localIsoDate(now);
    const author = input.author ?? settings.author;
    const marking = input.marking ?? template.marking ?? settings.defaultMarking;
    const values = { title: '', date: formatNoteDate(date, input.locale ?? (settings.locale || FALLBACK_LOCALE)), author, marking };
    const title = (input.title?.trim() || fillString(template.title, values).trim() || template.name).slice(0, MAX_TITLE);
    return this.insert({
      id: '',
      meta: { title, author, date, status: 'draft', marking, tags: cleanTags(template.tags), citationStyle: null },
      content: fillDoc(template.content, { ...values, title }),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      trashedAt: null,
      templateId: template.id,
      version: 1,
    });
  }

  /** `notes:duplicate`: a copy titled "Copy of …", outside the trash, with no history. */
  async duplicate(id: string): Promise<Note> {
    const source = await this.get(id);
    const now = this.deps.now().toISOString();
    return this.insert({
      ...source,
      meta: { ...source.meta, title: `Copy of ${source.meta.title}`.slice(0, MAX_TITLE) },
      createdAt: now,
      updatedAt: now,
      trashedAt: null,
      version: 1,
    });
  }

  /**
   * `notes:save`: content and/or metadata. Takes an 'interval' revision of the note as it was when
   * the content changes and the newest revision is 10 minutes old or more. Saving what is already
   * stored writes nothing.
   */
  async save(input: ParsedInput<'notes:save'>): Promise<CallOutput<'notes:save'>> {
    if (input.content) assertValidDoc(input.content);
    return this.saveChange(input.id, () => input);
  }

  /**
   * A content edit computed from the note as stored now, under its lock (`notes:insert-events`):
   * no edit made meanwhile by the app or another process is lost, and the same validation and
   * revision rules as `notes:save` apply. `change` may throw (AppError) to refuse; nothing is written then.
   */
  async editContent(id: string, change: (note: Note) => DocNode): Promise<CallOutput<'notes:save'>> {
    return this.saveChange(id, (current) => {
      const content = change(current);
      assertValidDoc(content);
      return { content };
    });
  }

  /** The read-modify-write behind {@link save} and {@link editContent}. */
  private async saveChange(id: string, changeOf: (current: Note) => Pick<ParsedInput<'notes:save'>, 'content' | 'meta' | 'baseVersion'>): Promise<CallOutput<'notes:save'>> {
    let revisionTaken = false;
    const note = await this.mutate(id, async (current) => {
      const change = changeOf(current);
      if (change.content && change.baseVersion !== undefined && change.baseVersion !== current.version && !sameJson(change.content, current.content)) {
        throw new AppError('conflict', `“${current.meta.title}” was changed elsewhere (the command line or another window) while you were editing it; choose which version to keep.`);
      }
      const content = change.content && !sameJson(change.content, current.content) ? change.content : current.content;
      const meta = change.meta ? mergeMeta(current.meta, change.meta) : current.meta;
      const contentChanged = content !== current.content;
      if (!contentChanged && sameJson(meta, current.meta)) return current;
      if (contentChanged && (await this.deps.revisions.intervalDue(current.id))) {
        await this.deps.revisions.take(current, 'interval');
        revisionTaken = true;
      }
      return this.touched({ ...current, content, meta });
    });
    return { id: note.id, version: note.version, updatedAt: note.updatedAt, revisionTaken, meta: note.meta };
  }

  /**
   * `notes:resolve-conflict`: under the note's lock, the version not kept becomes a 'conflict'
   * revision first, so neither the analyst's text nor the other writer's is ever lost.
   */
  async resolveConflict(input: ParsedInput<'notes:resolve-conflict'>): Promise<Note> {
    assertValidDoc(input.content);
    return this.mutate(input.id, async (current) => {
      if (current.version !== input.theirsVersion) {
        throw new AppError('conflict', `“${current.meta.title}” changed again while you were choosing; compare the two versions once more.`);
      }
      const mine: Note = { ...current, content: input.content, meta: input.meta ? mergeMeta(current.meta, input.meta) : current.meta };
      if (input.keep === 'theirs') {
        await this.deps.revisions.take(mine, 'conflict');
        return current;
      }
      await this.deps.revisions.take(current, 'conflict');
      return this.touched(mine);
    });
  }

  /** `notes:snapshot` (Ctrl+S): a manual revision, or the latest one when it already holds this note. */
  async snapshot(id: string): Promise<CallOutput<'notes:snapshot'>> {
    const result: { taken?: CallOutput<'notes:snapshot'> } = {};
    await this.mutate(id, async (current) => {
      result.taken = await this.deps.revisions.snapshot(current);
      return current;
    });
    if (!result.taken) throw new AppError('internal', `No revision was taken of note ${id}.`);
    return result.taken;
  }

  /** `revisions:restore`: the current note becomes a 'before-restore' revision, then the revision's body and title are saved over it. */
  async restoreRevision(noteId: string, revisionId: string): Promise<Note> {
    const revision = await this.deps.revisions.get(noteId, revisionId);
    return this.mutate(noteId, async (current) => {
      await this.deps.revisions.take(current, 'before-restore');
      return this.touched({ ...current, content: revision.content, meta: { ...current.meta, title: revision.meta.title } });
    });
  }

  /** `notes:trash`. Moving to the trash is not an edit: updatedAt stays. */
  async trash(id: string): Promise<NoteSummary> {
    const note = await this.mutate(id, async (current) =>
      current.trashedAt ? current : { ...current, trashedAt: this.deps.now().toISOString(), version: current.version + 1 },
    );
    return summarize(note).summary;
  }

  /** `notes:restore` (out of the trash). */
  async restore(id: string): Promise<NoteSummary> {
    const note = await this.mutate(id, async (current) => (current.trashedAt ? { ...current, trashedAt: null, version: current.version + 1 } : current));
    return summarize(note).summary;
  }

  /** `notes:delete`: the note file, its .bak and its revisions, for ever. */
  async delete(id: string): Promise<{ id: string }> {
    if (!(await this.remove(id, () => true))) throw noteNotFound(id);
    return { id };
  }

  /** `notes:empty-trash`. */
  async emptyTrash(): Promise<{ deleted: number }> {
    await this.deps.index.refresh();
    let deleted = 0;
    // Another process may have restored one meanwhile: remove() checks again under the lock.
    for (const id of this.deps.index.trashedIds()) if (await this.remove(id, (note) => note.trashedAt !== null)) deleted += 1;
    return { deleted };
  }

  /** Deletes a note and its history under its lock when `condition` holds; false when it does not or the note is gone. */
  private async remove(id: string, condition: (note: Note) => boolean): Promise<boolean> {
    const path = notePath(id);
    const removed = await this.deps.store.withLock(path, async () => {
      const file = await this.deps.store.updateLocked<NoteFile>(path, NOTE_FILE, (current) => current);
      if (!file || !condition(file.note)) return false;
      await this.deps.store.removeLocked(path);
      await this.deps.revisions.removeAll(id);
      return true;
    });
    if (removed) this.deps.index.remove(id);
    return removed;
  }

  /** Read-modify-write of one note under its lock; `change` returns `current` to write nothing. */
  private async mutate(id: string, change: (current: Note) => Promise<Note>): Promise<Note> {
    const file = await this.deps.store.update<NoteFile>(notePath(id), NOTE_FILE, async (current) => {
      if (!current) throw noteNotFound(id);
      const next = await change(current.note);
      return next === current.note ? current : { schemaVersion: 1, note: next };
    });
    if (!file) throw noteNotFound(id);
    this.deps.index.put(file.note);
    return file.note;
  }

  /** Writes a new note under a fresh id (retrying in the unlikely case the id is taken). */
  private async insert(note: Note): Promise<Note> {
    for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt += 1) {
      const created: Note = { ...note, id: newNoteId(this.deps.now()) };
      try {
        await this.deps.store.create<NoteFile>(notePath(created.id), NOTE_FILE, { schemaVersion: 1, note: created });
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') continue;
        throw error;
      }
      this.deps.index.put(created);
      return created;
    }
    throw new AppError('conflict', 'Could not find a free note id; try again.');
  }

  private touched(note: Note): Note {
    return { ...note, updatedAt: this.deps.now().toISOString(), version: note.version + 1 };
  }
}

/** A body that the editor could not open is refused before anything is written. */
function assertValidDoc(content: DocNode): void {
  const checked = validateDoc(content);
  if (!checked.ok) {
    throw new AppError('invalid_input', `The note was not saved because its content does not fit the editor's schema: ${checked.reason}`, [
      { path: 'content', message: checked.reason },
    ]);
  }
}

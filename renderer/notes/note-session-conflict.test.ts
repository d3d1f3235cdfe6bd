import { describe, expect, it, vi } from 'vitest';
import type { CallInput, CallName, DocNode, Note, Result } from '../../core/index';
import { createNoteSessionStore, type EditorLike } from './note-session-store';

function doc(text: string): DocNode {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

const NOTE: Note = {
  id: 'n-20250610-abcdef12',
  templateId: 'blank',
  createdAt: '2025-06-10T09:00:00.000Z',
  updatedAt: '2025-06-10T09:00:00.000Z',
  trashedAt: null,
  version: 1,
  meta: { title: 'Shared', author: '', date: '2025-06-10', status: 'draft', marking: 'TLP:AMBER', tags: [], citationStyle: null },
  content: doc('base'),
};

/** A backend with one note that checks baseVersion like the real one, and a second writer (the CLI). */
function fakeBackend() {
  let stored: Note = NOTE;
  const revisions: DocNode[] = [];
  const calls: { name: CallName; input: unknown }[] = [];
  const client = {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<never>> {
      calls.push({ name, input });
      await Promise.resolve();
      if (name === 'notes:get') return { ok: true, value: stored } as Result<never>;
      if (name === 'notes:save') {
        const { content, baseVersion } = input as { content?: DocNode; baseVersion?: number };
        if (content && baseVersion !== undefined && baseVersion !== stored.version) return { ok: false, error: { code: 'conflict', message: 'changed elsewhere' } } as Result<never>;
        stored = { ...stored, content: content ?? stored.content, version: stored.version + 1 };
        return { ok: true, value: { id: stored.id, version: stored.version, updatedAt: stored.updatedAt, revisionTaken: false, meta: stored.meta } } as Result<never>;
      }
      if (name === 'notes:resolve-conflict') {
        const { keep, content, theirsVersion } = input as { keep: 'mine' | 'theirs'; content: DocNode; theirsVersion: number };
        if (theirsVersion !== stored.version) return { ok: false, error: { code: 'conflict', message: 'again' } } as Result<never>;
        if (keep === 'mine') {
          revisions.push(stored.content);
          stored = { ...stored, content, version: stored.version + 1 };
        } else {
          revisions.push(content);
        }
        return { ok: true, value: stored } as Result<never>;
      }
      return { ok: false, error: { code: 'unknown_call', message: name } } as Result<never>;
    },
    saveOnUnload: () => true,
  };
  return {
    client,
    calls,
    revisions,
    stored: () => stored,
    /** The CLI writes the note. */
    writeElsewhere(text: string) {
      stored = { ...stored, content: doc(text), version: stored.version + 1 };
      return stored.version;
    },
  };
}

function editorWith(text: () => string): EditorLike {
  return { getJSON: () => doc(text()) } as EditorLike;
}

const text = (node: DocNode): string => JSON.stringify(node).match(/"text":"([^"]*)"/)?.[1] ?? '';

describe('the open note changed elsewhere', () => {
  it('with nothing unsaved, takes the stored note in place (no remount when the editor can)', async () => {
    const backend = fakeBackend();
    const applied = vi.fn(() => true);
    const session = createNoteSessionStore(backend.client, { onStoredContent: applied });
    session.openLoaded(NOTE);
    session.attachEditor(NOTE.id, editorWith(() => 'base'));
    const key = session.getState().editorKey;
    const version = backend.writeElsewhere('theirs');
    await session.storedChanged(NOTE.id, version);
    expect(applied).toHaveBeenCalledOnce();
    expect(text(session.getState().note!.content)).toBe('theirs');
    expect(session.getState().editorKey).toBe(key);
    expect(session.getState().conflict).toBeNull();
    // Its own save echoed back (same version) changes nothing.
    await session.storedChanged(NOTE.id, version);
    expect(applied).toHaveBeenCalledOnce();
  });

  it.each([
    { keep: 'mine' as const, stored: 'mine', revision: 'theirs' },
    { keep: 'theirs' as const, stored: 'theirs', revision: 'mine' },
  ])('with unsaved edits, never saves over it: it asks, and "$keep" keeps $stored with $revision as a revision', async ({ keep, stored, revision }) => {
    const backend = fakeBackend();
    const session = createNoteSessionStore(backend.client, {}, { debounceMs: 10_000, maxWaitMs: 10_000 });
    session.openLoaded(NOTE);
    session.attachEditor(NOTE.id, editorWith(() => 'mine'));
    session.changed();
    const version = backend.writeElsewhere('theirs');
    await session.storedChanged(NOTE.id, version);

    const conflict = session.getState().conflict;
    expect(conflict).not.toBeNull();
    expect(text(conflict!.mine)).toBe('mine');
    expect(text(conflict!.theirs.content)).toBe('theirs');
    expect(text(backend.stored().content)).toBe('theirs');
    expect(session.getState().busy).toBe(true);

    await session.resolveConflict(keep);
    expect(session.getState().conflict).toBeNull();
    expect(session.getState().busy).toBe(false);
    expect(text(backend.stored().content)).toBe(stored);
    expect(backend.revisions.map(text)).toEqual([revision]);
    // Later saves are based on the version now stored: no second conflict.
    session.changed();
    session.flush();
    await session.settle();
    expect(session.getState().conflict).toBeNull();
    expect(session.getState().saveState).toBe('saved');
  });
});

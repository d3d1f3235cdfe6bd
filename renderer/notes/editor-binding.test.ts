import type { Editor } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { createStore } from '../app/store';
import { createEditorBinding } from './editor-binding';

const fakeEditor = (name: string) => ({ name }) as unknown as Editor;

function harness(focusBody = false) {
  const log: string[] = [];
  const sessionState = { focusBody };
  const editorStore = createStore<{ editor: Editor | null }>({ editor: null });
  const nameOf = (editor: Editor) => (editor as unknown as { name: string }).name;
  const deps = {
    session: {
      getState: () => sessionState as never,
      attachEditor: (id: string, editor: unknown) => log.push(`attach ${id} ${nameOf(editor as Editor)}`),
      detachEditor: (id: string, editor: unknown) => log.push(`detach ${id} ${nameOf(editor as Editor)}`),
      bodyFocused: () => {
        sessionState.focusBody = false;
        log.push('body focused');
      },
      changed: () => log.push('changed'),
      blurred: () => log.push('blurred'),
      saveWithRevision: async () => {
        log.push('save with revision');
        return true;
      },
    },
    editorStore,
    attachDrop: (editor: Editor) => {
      log.push(`drop on ${nameOf(editor)}`);
      return () => log.push(`drop off ${nameOf(editor)}`);
    },
    focusWriting: (editor: Editor) => log.push(`focus ${nameOf(editor)}`),
  };
  return { log, editorStore, deps };
}

describe('the editor binding of a note', () => {
  it('attaches a ready editor to the session, the editor store and the event drop; undoes it all when it goes', () => {
    const h = harness();
    const binding = createEditorBinding('n-1', h.deps);
    const editor = fakeEditor('A');
    binding.ready(editor);
    expect(h.editorStore.getState().editor).toBe(editor);
    expect(binding.current()).toBe(editor);
    binding.ready(null);
    expect(h.log).toEqual(['drop on A', 'attach n-1 A', 'drop off A', 'detach n-1 A']);
    expect(h.editorStore.getState().editor).toBeNull();
    // The host unmounting after onReady(null) detaches nothing twice.
    binding.dispose();
    expect(h.log).toHaveLength(4);
  });

  it('an unmount without onReady(null) still detaches, and leaves the next note\'s editor in the store', () => {
    const h = harness();
    const first = createEditorBinding('n-1', h.deps);
    const second = createEditorBinding('n-2', h.deps);
    first.ready(fakeEditor('A'));
    const next = fakeEditor('B');
    second.ready(next);
    first.dispose();
    expect(h.log.slice(-2)).toEqual(['drop off A', 'detach n-1 A']);
    expect(h.editorStore.getState().editor).toBe(next);
  });

  it('a new note asks for the body: the cursor goes where writing starts, once', () => {
    const h = harness(true);
    const binding = createEditorBinding('n-1', h.deps);
    binding.ready(fakeEditor('A'));
    binding.ready(null);
    binding.ready(fakeEditor('A'));
    expect(h.log.filter((line) => line.startsWith('focus') || line === 'body focused')).toEqual(['body focused', 'focus A']);
  });

  it('passes typing, blur and Ctrl+S to the autosave session', () => {
    const h = harness();
    const binding = createEditorBinding('n-1', h.deps);
    binding.changed();
    binding.blurred();
    binding.saveShortcut();
    expect(h.log).toEqual(['changed', 'blurred', 'save with revision']);
  });
});

// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestEditor, destroyTestEditor, docOf, paragraph } from '../../test-editor';

let editor: Editor | null = null;
afterEach(() => {
  if (editor) destroyTestEditor(editor);
  editor = null;
});

/** Presses a key in the editor the way the browser does; returns whether the default was prevented. */
function press(target: Editor, key: string, modifiers: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}): boolean {
  const event = new KeyboardEvent('keydown', {
    key,
    ctrlKey: modifiers.ctrl ?? false,
    shiftKey: modifiers.shift ?? false,
    altKey: modifiers.alt ?? false,
    bubbles: true,
    cancelable: true,
  });
  target.view.dom.dispatchEvent(event);
  return event.defaultPrevented;
}

function selectAll(target: Editor): void {
  target.commands.selectAll();
}

describe('Shortcuts', () => {
  it('Ctrl+S calls onSave and prevents the browser save dialog', () => {
    const onSave = vi.fn();
    editor = createTestEditor(docOf(paragraph('Text')), { onSave });
    expect(press(editor, 's', { ctrl: true })).toBe(true);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith(editor);
  });

  it('Ctrl+S is swallowed even with no save handler', () => {
    editor = createTestEditor(docOf(paragraph('Text')));
    expect(press(editor, 's', { ctrl: true })).toBe(true);
  });

  it('Ctrl+K asks for the link editor; without a handler it does nothing', () => {
    const onLinkRequest = vi.fn();
    editor = createTestEditor(docOf(paragraph('Text')), { onLinkRequest });
    expect(press(editor, 'k', { ctrl: true })).toBe(true);
    expect(onLinkRequest).toHaveBeenCalledWith(editor);
    destroyTestEditor(editor);
    editor = createTestEditor(docOf(paragraph('Text')));
    expect(press(editor, 'k', { ctrl: true })).toBe(false);
  });

  it('can() does not trigger a save', () => {
    const onSave = vi.fn();
    editor = createTestEditor(docOf(paragraph('Text')), { onSave });
    expect(editor.can().requestSave()).toBe(true);
    expect(onSave).not.toHaveBeenCalled();
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['3', 3],
  ])('Ctrl+Alt+%s makes a heading of level %d (StarterKit)', (key, level) => {
    editor = createTestEditor(docOf(paragraph('Title')));
    editor.commands.setTextSelection(2);
    press(editor, key, { ctrl: true, alt: true });
    expect(editor.getJSON().content?.[0]).toMatchObject({ type: 'heading', attrs: { level } });
  });

  it.each([
    ['b', 'bold'],
    ['i', 'italic'],
    ['u', 'underline'],
  ])('Ctrl+%s toggles %s', (key, mark) => {
    editor = createTestEditor(docOf(paragraph('Words')));
    selectAll(editor);
    press(editor, key, { ctrl: true });
    expect(editor.isActive(mark)).toBe(true);
    press(editor, key, { ctrl: true });
    expect(editor.isActive(mark)).toBe(false);
  });

  it('Ctrl+Z undoes and Ctrl+Shift+Z redoes (UndoRedo)', () => {
    editor = createTestEditor(docOf(paragraph('Start')));
    editor.commands.setTextSelection(6);
    editor.commands.insertContent(' more');
    expect(editor.state.doc.textContent).toBe('Start more');
    press(editor, 'z', { ctrl: true });
    expect(editor.state.doc.textContent).toBe('Start');
    press(editor, 'z', { ctrl: true, shift: true });
    expect(editor.state.doc.textContent).toBe('Start more');
  });
});

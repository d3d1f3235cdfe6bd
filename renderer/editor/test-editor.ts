import { Editor } from '@tiptap/core';
import type { DocNode } from '../../core/domain/note';
import { createEditorExtensions, type EditorExtensionOptions } from './editor-extensions';

/**
 * A real editor with the app's extensions, mounted in the (jsdom) document; for tests.
 * Destroy it with `destroyTestEditor`.
 */
export function createTestEditor(content: DocNode, options: EditorExtensionOptions = {}): Editor {
  const element = document.createElement('div');
  document.body.appendChild(element);
  return new Editor({ element, extensions: createEditorExtensions(options), content });
}

/** Destroys a test editor and removes its element. */
export function destroyTestEditor(editor: Editor): void {
  const element = editor.view.dom.parentElement;
  editor.destroy();
  element?.remove();
}

/** A document of blocks, for tests. */
export function docOf(...content: DocNode[]): DocNode {
  return { type: 'doc', content };
}

/** A paragraph with text (or empty), for tests. */
export function paragraph(text = '', attrs?: Record<string, unknown>): DocNode {
  return { type: 'paragraph', ...(attrs ? { attrs } : {}), ...(text ? { content: [{ type: 'text', text }] } : {}) };
}

/** A heading, for tests. */
export function heading(level: number, text = '', attrs?: Record<string, unknown>): DocNode {
  return { type: 'heading', attrs: { level, ...attrs }, ...(text ? { content: [{ type: 'text', text }] } : {}) };
}

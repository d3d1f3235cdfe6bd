// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEditor, destroyTestEditor, docOf, heading, paragraph } from '../../test-editor';
import { SOURCES_EMPTY_TEXT, SourcesSectionWithView } from './sources-section';

let editor: Editor | null = null;
afterEach(() => {
  if (editor) destroyTestEditor(editor);
  editor = null;
});

describe('SourcesSectionWithView', () => {
  it('is core’s node with a view: same name, atom, same HTML', () => {
    expect(SourcesSectionWithView.name).toBe('sourcesSection');
    expect(SourcesSectionWithView.options.emptyText).toBe(SOURCES_EMPTY_TEXT);
    editor = createTestEditor(docOf(heading(2, 'Sources'), { type: 'sourcesSection' }, paragraph()));
    expect(editor.schema.nodes.sourcesSection?.spec.atom).toBe(true);
    expect(editor.getHTML()).toContain('<section data-sources-section="" class="sources-section"></section>');
    expect(editor.getJSON().content?.[1]).toEqual({ type: 'sourcesSection' });
  });

  it('cannot be typed into and stays single', () => {
    editor = createTestEditor(docOf(heading(2, 'Sources'), { type: 'sourcesSection' }, paragraph()));
    let sectionPos = -1;
    editor.state.doc.forEach((node, offset) => {
      if (node.type.name === 'sourcesSection') sectionPos = offset;
    });
    editor.commands.setNodeSelection(sectionPos);
    expect(editor.state.selection.empty).toBe(false);
    expect(editor.commands.insertSourcesSection()).toBe(false);
    const count = (editor.getJSON().content ?? []).filter((node) => node.type === 'sourcesSection').length;
    expect(count).toBe(1);
  });
});

describe('SourcesSectionWithView serialization', () => {
  it('can be copied: the clipboard serializer does not throw on the leaf node', () => {
    editor = createTestEditor(docOf(heading(2, 'Sources'), { type: 'sourcesSection' }, paragraph('After')));
    editor.commands.selectAll();
    const { dom } = editor.view.serializeForClipboard(editor.state.selection.content());
    expect(dom.querySelector('section[data-sources-section]')).not.toBeNull();
  });
});

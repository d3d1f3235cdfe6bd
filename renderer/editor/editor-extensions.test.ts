// @vitest-environment jsdom
import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { noteSchema } from '../../core/editor/schema';
import { createEditorExtensions } from './editor-extensions';

describe('createEditorExtensions', () => {
  it('adds no node, mark or attribute to the note schema of core', () => {
    const editorSchema = getSchema(createEditorExtensions());
    const core = noteSchema();
    expect(Object.keys(editorSchema.nodes)).toEqual(Object.keys(core.nodes));
    expect(Object.keys(editorSchema.marks)).toEqual(Object.keys(core.marks));
    for (const [name, type] of Object.entries(core.nodes)) {
      const other = editorSchema.nodes[name]!;
      expect(Object.keys(other.spec.attrs ?? {}), name).toEqual(Object.keys(type.spec.attrs ?? {}));
      expect(other.spec.content ?? '', name).toBe(type.spec.content ?? '');
      expect(other.spec.group ?? '', name).toBe(type.spec.group ?? '');
      expect(Boolean(other.spec.atom), name).toBe(Boolean(type.spec.atom));
    }
  });

  it('keeps each schema extension and adds the UI ones once', () => {
    const names = createEditorExtensions().map((extension) => extension.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of ['guidance', 'sourcesSection', 'placeholder', 'characterCount', 'trailingNode', 'pasteSanitizer', 'linkHandling', 'shortcuts']) {
      expect(names).toContain(name);
    }
  });
});

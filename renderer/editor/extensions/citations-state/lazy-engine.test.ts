// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { citationEngine, loadCitationEngine } from '../../../citations/citation-engine';
import { createTestEditor, destroyTestEditor, docOf, heading } from '../../test-editor';
import { plainEntryText } from '../sources-section/sources-entries';
import { citationOf, citedParagraph, snapshotOf } from './citation-fixtures';

// This file must not load the engine before its first test: the module state is per test file.
let editor: Editor | null = null;
afterEach(() => {
  if (editor) destroyTestEditor(editor);
  editor = null;
});

const labels = (target: Editor): string[] => [...target.view.dom.querySelectorAll('[data-citation]')].map((node) => node.textContent ?? '');
const entries = (target: Editor): string[] => [...target.view.dom.querySelectorAll('[data-testid="sources-entry"]')].map((item) => item.textContent ?? '');
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

describe('citations before and after the CSL engine chunk loads', () => {
  it('shows numbers and plain entries at once, then the APA forms through refreshCitations', async () => {
    expect(citationEngine()).toBeNull();
    editor = createTestEditor(
      docOf(
        citedParagraph('Talks resumed.', ['s2']),
        citedParagraph('Exports fell.', citationOf(['s1'], { locator: { label: 'paragraph', value: '4' } })),
        heading(2, 'Sources'),
        { type: 'sourcesSection' },
      ),
      { citations: { getStyleId: () => 'apa' } },
    );
    // Before the engine: numeric labels (locators too) and "n. Title. Publisher. Date." entries.
    expect(labels(editor)).toEqual(['[1]', '[2, para. 4]']);
    expect(entries(editor)).toEqual([`1. ${plainEntryText(snapshotOf('s2'))}`, `2. ${plainEntryText(snapshotOf('s1'))}`]);
    expect(entries(editor)[0]).toBe('1. Report s2 on rare-earth exports. Nikkei Asia. 2025-06-03.');

    // The extension asked for the engine when the editor was created and refreshes when it is in.
    await loadCitationEngine();
    await nextFrame();
    expect(citationEngine()).not.toBeNull();
    expect(labels(editor)[0]).toMatch(/^\(Shalal, 2025[a-z]?\)$/);
    expect(labels(editor)[1]).toMatch(/^\(Shalal, 2025[a-z]?, para\. 4\)$/);
    expect(entries(editor)[0]).toMatch(/^Shalal, A\. \(2025[a-z]?, June \d\)\. Report s[12] on rare-earth exports/);
  });

  it('loads the chunk once', async () => {
    const [first, second] = await Promise.all([loadCitationEngine(), loadCitationEngine()]);
    expect(first).toBe(second);
    expect(typeof first.formatNoteCitations).toBe('function');
  });
});

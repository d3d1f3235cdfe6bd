// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocNode } from '../../../../core/domain/note';
import { createTestEditor, destroyTestEditor, docOf, paragraph } from '../../test-editor';
import type { EventStatusInfo } from '../citations-state/citation-callbacks';
import { provenanceFlagsKey, STALE_MESSAGES } from './provenance';

let editor: Editor | null = null;
afterEach(() => {
  if (editor) destroyTestEditor(editor);
  editor = null;
  document.body.replaceChildren();
});

function fact(text: string, eventId: string, datasetVersion: number): DocNode {
  return { type: 'text', text, marks: [{ type: 'provenance', attrs: { eventId, datasetId: 'ds1', datasetVersion, insertedAt: '2025-06-06T10:00:00Z' } }] };
}

const factsDoc = () =>
  docOf(
    { type: 'paragraph', content: [fact('On 5 June 2025, Trump and Xi held a call.', 'ev1', 1), { type: 'text', text: ' My own view.' }] },
    { type: 'paragraph', content: [fact('Exports fell in May.', 'ev2', 2)] },
    paragraph('Plain.'),
  );

function provenanceOf(target: Editor): { text: string; eventId: unknown; version: unknown }[] {
  const found: { text: string; eventId: unknown; version: unknown }[] = [];
  target.state.doc.descendants((node) => {
    const mark = node.marks.find((m) => m.type.name === 'provenance');
    if (node.isText && mark) found.push({ text: node.text ?? '', eventId: mark.attrs.eventId, version: mark.attrs.datasetVersion });
  });
  return found;
}

const badges = (target: Editor) => [...target.view.dom.querySelectorAll('[data-testid="stale-fact"]')];

describe('ProvenanceFlags', () => {
  it('flags a fact whose event changed, with its reason, and reviewFact takes the new version', () => {
    const statuses = new Map<string, EventStatusInfo>([
      ['ev1', { status: 'current', datasetVersion: 3, removedUpstream: false }],
      ['ev2', { status: 'current', datasetVersion: 2, removedUpstream: false }],
    ]);
    editor = createTestEditor(factsDoc(), { citations: { getEventStatus: (id) => statuses.get(id) ?? null } });
    expect(badges(editor)).toHaveLength(1);
    const badge = badges(editor)[0]!;
    expect(badge.getAttribute('data-event-id')).toBe('ev1');
    expect(badge.getAttribute('title')).toBe(STALE_MESSAGES.changed);
    expect(editor.view.dom.querySelector('.bd-stale-fact')?.textContent).toBe('On 5 June 2025, Trump and Xi held a call.');
    // The badge is a widget, not text of the note.
    expect(editor.state.doc.textContent).not.toContain('changed');

    expect(editor.commands.reviewFact('ev1')).toBe(true);
    expect(badges(editor)).toHaveLength(0);
    expect(provenanceOf(editor)[0]).toEqual({ text: 'On 5 June 2025, Trump and Xi held a call.', eventId: 'ev1', version: 3 });
    expect(editor.commands.reviewFact('ev1')).toBe(false);
    editor.commands.undo();
    expect(badges(editor)).toHaveLength(1);
  });

  it('a deleted event: the badge’s "Mark as reviewed" removes the link, the text stays', () => {
    editor = createTestEditor(factsDoc(), {
      citations: { getEventStatus: (id) => (id === 'ev2' ? { status: 'deleted', datasetVersion: 2, removedUpstream: false } : null) },
    });
    const badge = badges(editor)[0] as HTMLButtonElement;
    expect(badge.getAttribute('data-reason')).toBe('deleted');
    expect(badge.getAttribute('title')).toBe(STALE_MESSAGES.deleted);
    badge.click();
    const review = document.querySelector('[data-testid="stale-fact-review"]') as HTMLButtonElement;
    expect(document.querySelector('[data-testid="stale-fact-menu"]')?.textContent).toContain(STALE_MESSAGES.deleted);
    review.click();
    expect(badges(editor)).toHaveLength(0);
    expect(provenanceOf(editor).map((run) => run.eventId)).toEqual(['ev1']);
    expect(editor.state.doc.textContent).toContain('Exports fell in May.');
  });

  it('statuses arriving later show after refreshProvenance; typing elsewhere keeps the flags in place', () => {
    const statuses = new Map<string, EventStatusInfo>();
    editor = createTestEditor(factsDoc(), { citations: { getEventStatus: (id) => statuses.get(id) ?? null } });
    expect(badges(editor)).toHaveLength(0);
    statuses.set('ev2', { status: 'current', datasetVersion: 5, removedUpstream: false });
    editor.commands.refreshProvenance();
    expect(badges(editor)).toHaveLength(1);
    expect(editor.can().undo()).toBe(false);

    const before = provenanceFlagsKey.getState(editor.state)!.stale[0]!;
    editor.commands.setTextSelection(1);
    editor.commands.insertContent('Update: ');
    const after = provenanceFlagsKey.getState(editor.state)!.stale[0]!;
    expect(after.from - before.from).toBe('Update: '.length);
    expect(editor.state.doc.textBetween(after.from, after.to)).toBe('Exports fell in May.');
  });
});

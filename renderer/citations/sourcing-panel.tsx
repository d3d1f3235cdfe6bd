import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import type { Node as PmNode } from '@tiptap/pm/model';
import { checkSourcing, sourcingSeverity, type SourcingContext, type SourcingIssue } from '../../core/citations/sourcing-check';
import type { Grade } from '../../core/index';
import { useApp } from '../app/app-context';
import { useStore } from '../app/store';
import './citations.css';
import { collectCitedIds } from './cited-ids';
import type { CitationsState } from './citations-store';

/** Delay after the last edit before the note is checked again. */
export const SOURCING_DELAY_MS = 500;

/** One finding of the sourcing check. */
export type SourcingItem = SourcingIssue;

/** Headings of the groups, in the order they are listed; kinds not named here follow under their own name. */
const KIND_LABELS: Record<string, string> = {
  'broken-citation': 'Broken citations',
  'stale-fact': 'Facts whose event changed',
  'uncited-paragraph': 'Paragraphs without a citation',
  'single-source': 'Judgments resting on a single source',
  'weak-sources': 'Judgments resting only on weak sources (E/F or 5/6)',
  'marking-below-sources': 'Handling marking',
  'empty-section': 'Empty sections (left out of the export)',
};

/**
 * The check's context from what the citations store knows. A cited id the store has not heard about
 * yet (the provenance answer is on its way) counts as present, so it is never reported as broken
 * before the library has said so.
 */
export function sourcingContext(state: Pick<CitationsState, 'sources' | 'events'>, doc: PmNode, noteMarking: string): SourcingContext {
  const sources = new Map<string, { grade: Grade | null; marking?: string | null } | null>();
  for (const id of collectCitedIds(doc).sourceIds) {
    const entry = state.sources.get(id);
    if (!entry) sources.set(id, { grade: null });
    else sources.set(id, entry.status === 'deleted' || !entry.source ? null : { grade: entry.source.grade, marking: entry.source.marking ?? null });
  }
  const events = new Map<string, { status: 'current' | 'deleted'; datasetVersion: number; removedUpstream: boolean }>();
  for (const [id, entry] of state.events) events.set(id, { status: entry.status, datasetVersion: entry.datasetVersion, removedUpstream: entry.removedUpstream });
  return { sources, events, noteMarking };
}

/** Groups findings by kind, known kinds first in a fixed order. */
export function groupFindings(items: readonly SourcingItem[]): { kind: string; label: string; items: SourcingItem[] }[] {
  const groups = new Map<string, SourcingItem[]>();
  for (const item of items) {
    const list = groups.get(item.kind) ?? [];
    list.push(item);
    groups.set(item.kind, list);
  }
  const order = Object.keys(KIND_LABELS);
  return [...groups.entries()]
    .sort(([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)))
    .map(([kind, list]) => ({ kind, label: KIND_LABELS[kind] ?? kind.replace(/-/g, ' '), items: list }));
}

/** Puts the cursor at a finding and shows it (the start of the note for whole-note findings). */
export function jumpTo(editor: Editor, pos: number | null): void {
  const target = Math.max(0, Math.min(pos ?? 0, editor.state.doc.content.size));
  editor.chain().focus().setTextSelection(target).scrollIntoView().run();
}

/** Runs the check now, then again after edits (debounced) and whenever provenance statuses change. */
function useSourcingFindings(editor: Editor | null, noteMarking: string): SourcingItem[] | null {
  const { citations } = useApp();
  const tick = useStore(citations, (state) => state.provenanceTick);
  const [items, setItems] = useState<SourcingItem[] | null>(null);
  const marking = useRef(noteMarking);
  marking.current = noteMarking;

  useEffect(() => {
    if (!editor || editor.isDestroyed) {
      setItems(null);
      return undefined;
    }
    const run = (): void => {
      if (editor.isDestroyed) return;
      setItems(checkSourcing(editor.state.doc, sourcingContext(citations.getState(), editor.state.doc, marking.current)));
    };
    run();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = (): void => {
      clearTimeout(timer);
      timer = setTimeout(run, SOURCING_DELAY_MS);
    };
    editor.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      editor.off('update', onUpdate);
    };
  }, [editor, citations, tick, noteMarking]);

  return items;
}

/** The Sourcing tab: what in the open note is unsourced, weakly sourced, stale, broken or over-marked. */
export function SourcingPanel() {
  const { editor: editorStore, session } = useApp();
  const editor = useStore(editorStore, (state) => state.editor);
  const noteMarking = useStore(session, (state) => state.note?.meta.marking ?? '');
  const items = useSourcingFindings(editor, noteMarking);

  if (!editor || !items) {
    return (
      <section className="bd-sourcing" data-testid="sourcing-panel" aria-label="Sourcing">
        <p className="bd-side-empty">Open a note to check its sourcing.</p>
      </section>
    );
  }
  const problems = items.filter((item) => sourcingSeverity(item.kind) !== 'info').length;
  if (items.length === 0) {
    return (
      <section className="bd-sourcing" data-testid="sourcing-panel" aria-label="Sourcing">
        <p className="bd-side-empty" data-testid="sourcing-empty">
          No sourcing problems found.
        </p>
      </section>
    );
  }
  return (
    <section className="bd-sourcing" data-testid="sourcing-panel" aria-label="Sourcing">
      <p className="bd-sourcing__summary">
        {problems === 0 ? 'No sourcing problems found. Click a section to go to it.' : `${problems === 1 ? 'One thing' : `${problems} things`} to look at. Click one to go to it.`}
      </p>
      {groupFindings(items).map((group) => (
        <div key={group.kind} className="bd-sourcing__group" data-kind={group.kind}>
          <h3 className="bd-sourcing__heading">
            {group.label} <span className="bd-muted">({group.items.length})</span>
          </h3>
          <ul className="bd-sourcing__list">
            {group.items.map((item, index) => (
              <li key={`${item.pos}:${index}`}>
                <button type="button" className="bd-sourcing__item" data-testid="sourcing-item" data-kind={item.kind} onClick={() => jumpTo(editor, item.pos)}>
                  {item.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

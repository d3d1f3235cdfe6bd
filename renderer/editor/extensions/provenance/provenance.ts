import { type Editor, Extension } from '@tiptap/core';
import type { Mark, Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { CitationCallbacks, EventStatusInfo } from '../citations-state/citation-callbacks';
import { transactionTouches } from '../citations-state/touches';
import { createStaleBadge, type StaleMenu } from './provenance-view';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    provenanceFlags: {
      /**
       * The analyst reviewed the facts made from an event: a changed event's marks take its current
       * dataset version; a deleted (or removed upstream) event's marks are removed, the text stays
       * as the analyst's own. One undoable step; false when nothing is flagged for the event.
       */
      reviewFact: (eventId: string) => ReturnType;
      /** Recomputes the stale flags after new event statuses arrived (no document change). */
      refreshProvenance: () => ReturnType;
    };
  }
}

/** Why a fact is flagged. */
export type StaleReason = 'changed' | 'deleted' | 'removed-upstream';

/** One flagged run of text made from an event. */
export interface StaleFact {
  eventId: string;
  from: number;
  to: number;
  reason: StaleReason;
  /** What changed, for the badge's tooltip and the Sourcing panel. */
  message: string;
}

/** Plugin state of the stale flags. */
export interface ProvenanceFlagsState {
  stale: StaleFact[];
  decorations: DecorationSet;
}

/** Options of {@link ProvenanceFlags}. */
export interface ProvenanceFlagsOptions {
  callbacks: CitationCallbacks;
}

/** Plugin key of the stale flags; `provenanceFlagsKey.getState(state)?.stale` lists them. */
export const provenanceFlagsKey = new PluginKey<ProvenanceFlagsState>('provenanceFlags');

/** What each reason says to the analyst. */
export const STALE_MESSAGES: Record<StaleReason, string> = {
  changed: 'The event was edited or re-imported since this was inserted',
  deleted: 'The event was deleted from the library',
  'removed-upstream': 'The event was removed from its dataset by a later import',
};

const PROVENANCE = 'provenance';

interface RefreshMeta {
  refresh: true;
}

/** Why a fact made at `markVersion` from an event in `status` is stale, or null when it is not. */
export function staleReason(status: EventStatusInfo | null, markVersion: number): StaleReason | null {
  if (!status) return null;
  if (status.status === 'deleted') return 'deleted';
  if (status.removedUpstream) return 'removed-upstream';
  if (status.datasetVersion > markVersion) return 'changed';
  return null;
}

/** A contiguous run of inline content carrying one provenance mark. */
interface MarkedRun {
  mark: Mark;
  from: number;
  to: number;
}

/** The runs of provenance-marked inline content, in document order (adjacent nodes with the same mark merged). */
export function provenanceRuns(doc: PmNode, eventId?: string): MarkedRun[] {
  const runs: MarkedRun[] = [];
  doc.descendants((node, pos) => {
    if (!node.isInline) return !node.isAtom;
    for (const mark of node.marks) {
      if (mark.type.name !== PROVENANCE) continue;
      if (eventId !== undefined && mark.attrs.eventId !== eventId) continue;
      const last = runs[runs.length - 1];
      if (last && last.to === pos && last.mark.eq(mark)) last.to = pos + node.nodeSize;
      else runs.push({ mark, from: pos, to: pos + node.nodeSize });
    }
    return false;
  });
  return runs;
}

const hasProvenance = (node: PmNode): boolean => node.isInline && node.marks.some((mark) => mark.type.name === PROVENANCE);

function computeFlags(doc: PmNode, callbacks: CitationCallbacks, menu: StaleMenu): ProvenanceFlagsState {
  const getStatus = callbacks.getEventStatus;
  if (!getStatus) return { stale: [], decorations: DecorationSet.empty };
  const statuses = new Map<string, EventStatusInfo | null>();
  const stale: StaleFact[] = [];
  for (const run of provenanceRuns(doc)) {
    const eventId = run.mark.attrs.eventId as string | null;
    if (!eventId) continue;
    if (!statuses.has(eventId)) statuses.set(eventId, getStatus(eventId));
    const reason = staleReason(statuses.get(eventId) ?? null, Number(run.mark.attrs.datasetVersion ?? 0));
    if (reason) stale.push({ eventId, from: run.from, to: run.to, reason, message: STALE_MESSAGES[reason] });
  }
  const decorations: Decoration[] = [];
  for (const fact of stale) {
    decorations.push(Decoration.inline(fact.from, fact.to, { class: `bd-stale-fact is-${fact.reason}`, 'data-stale-event': fact.eventId }));
    decorations.push(
      Decoration.widget(fact.to, () => createStaleBadge(fact, menu), {
        side: -1,
        key: `stale:${fact.eventId}:${fact.reason}:${fact.from}:${fact.to}`,
        ignoreSelection: true,
        stopEvent: () => true,
      }),
    );
  }
  return { stale, decorations: DecorationSet.create(doc, decorations) };
}

/**
 * Provenance in the editor: the mark itself is core's (styled subtly in editor.css); this adds the
 * stale flags. Text made from an event that was edited or re-imported since (its dataset version
 * moved past the mark's), deleted, or removed upstream gets an amber bar and a "changed"/"deleted"
 * badge saying what changed, until the analyst reviews it (the badge's "Mark as reviewed" runs
 * reviewFact). Flags are recomputed only when marked text changed or statuses were refreshed.
 */
export const ProvenanceFlags = Extension.create<ProvenanceFlagsOptions>({
  name: 'provenanceFlags',

  addOptions() {
    return { callbacks: {} };
  },

  addCommands() {
    const callbacks = this.options.callbacks;
    return {
      reviewFact:
        (eventId) =>
        ({ state, tr, dispatch }) => {
          const markType = state.schema.marks[PROVENANCE];
          const status = callbacks.getEventStatus?.(eventId) ?? null;
          if (!markType || !status) return false;
          const runs = provenanceRuns(state.doc, eventId).filter((run) => staleReason(status, Number(run.mark.attrs.datasetVersion ?? 0)) !== null);
          if (runs.length === 0) return false;
          if (!dispatch) return true;
          const detach = status.status === 'deleted' || status.removedUpstream;
          for (const run of runs) {
            tr.removeMark(run.from, run.to, run.mark);
            if (!detach) tr.addMark(run.from, run.to, markType.create({ ...run.mark.attrs, datasetVersion: status.datasetVersion }));
          }
          return true;
        },
      refreshProvenance:
        () =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(provenanceFlagsKey, { refresh: true } satisfies RefreshMeta).setMeta('addToHistory', false);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const callbacks = this.options.callbacks;
    const editor: Editor = this.editor;
    const menu: StaleMenu = {
      review: (eventId) => {
        editor.commands.reviewFact(eventId);
      },
      editable: () => editor.isEditable,
    };
    return [
      new Plugin<ProvenanceFlagsState>({
        key: provenanceFlagsKey,
        state: {
          init: (_config, state) => computeFlags(state.doc, callbacks, menu),
          apply: (tr, value, _old, newState) => {
            const meta = tr.getMeta(provenanceFlagsKey) as RefreshMeta | undefined;
            if (meta?.refresh) return computeFlags(newState.doc, callbacks, menu);
            if (!tr.docChanged) return value;
            if (transactionTouches(tr, hasProvenance, PROVENANCE)) return computeFlags(newState.doc, callbacks, menu);
            if (value.stale.length === 0) return value;
            const stale = value.stale.map((fact) => ({ ...fact, from: tr.mapping.map(fact.from, 1), to: tr.mapping.map(fact.to, -1) }));
            return { stale, decorations: value.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: {
          decorations: (state) => provenanceFlagsKey.getState(state)?.decorations ?? DecorationSet.empty,
        },
      }),
    ];
  },
});

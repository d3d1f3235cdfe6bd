import type { Editor } from '@tiptap/core';
import type { ApiError } from '../../core/index';
import type { AppClient } from '../api/client';
import type { ResearchStores } from '../research/research-stores';
import type { Store } from '../app/store';
import type { CitationsStore } from './citations-store';
import { citationNodes, factNodesFor, insertNodes, quoteKindAt, quoteNodes, type EventWithSources, type FactMode } from './insert-facts';

/** What the sidebar does with the open note: insert facts, cite and quote sources. */
export interface CitationActions {
  /** Inserts events as cited text at the cursor, or at `at` (a drop). */
  insertEvents(ids: readonly string[], mode: FactMode, at?: number): Promise<boolean>;
  /** Places a citation of the source at the cursor (filling an empty placeholder there). */
  citeSource(id: string): Promise<boolean>;
  /** Inserts the reader's selected passage with its citation. */
  quotePassage(kind: 'inline' | 'block'): Promise<boolean>;
  /** Opens a source in the Sources tab's reader (clicking a citation). */
  openSource(id: string): void;
}

/** What the actions need. */
export interface CitationActionDeps {
  client: Pick<AppClient, 'call'>;
  editor: Pick<Store<{ editor: Editor | null }>, 'getState'>;
  citations: CitationsStore;
  research: Pick<ResearchStores, 'sidebar' | 'sources'>;
  /** Shows the sidebar when it is hidden. */
  showSidebar: () => void;
  showError: (error: ApiError) => void;
}

const NO_NOTE: ApiError = { code: 'invalid_input', message: 'Open a note (not in the trash) and put the cursor where the text should go.' };

/** Creates the actions. Each reports its own errors. */
export function createCitationActions(deps: CitationActionDeps): CitationActions {
  const { client, citations, research } = deps;

  /** The editor to write into, or null after reporting why there is none. */
  const target = (): Editor | null => {
    const editor = deps.editor.getState().editor;
    if (editor && editor.isEditable && !editor.isDestroyed) return editor;
    deps.showError(NO_NOTE);
    return null;
  };

  const fetchSource = async (id: string) => {
    const reader = research.sources.getState().reader;
    if (reader?.id === id) return { ok: true as const, value: reader };
    return client.call('sources:get', { id });
  };

  return {
    async insertEvents(ids, mode, at) {
      if (ids.length === 0 || !target()) return false;
      const answers = await Promise.all(ids.map((id) => client.call('events:get', { id })));
      const details: EventWithSources[] = [];
      for (const answer of answers) {
        if (!answer.ok) {
          deps.showError(answer.error);
          return false;
        }
        details.push(answer.value);
      }
      // The note may have been closed while we waited.
      const editor = target();
      if (!editor) return false;
      citations.primeSources(details.flatMap((detail) => detail.sources));
      citations.primeEvents(details.map((detail) => detail.event));
      const nodes = factNodesFor(details, mode, new Date().toISOString());
      return insertNodes(editor, nodes, at);
    },

    async citeSource(id) {
      if (!target()) return false;
      const result = await fetchSource(id);
      if (!result.ok) {
        deps.showError(result.error);
        return false;
      }
      const editor = target();
      if (!editor) return false;
      citations.primeSources([result.value]);
      return insertNodes(editor, citationNodes(result.value));
    },

    async quotePassage(kind) {
      const passage = research.sources.getState().passage;
      if (!passage) {
        deps.showError({ code: 'invalid_input', message: 'Select a passage in the reader first.' });
        return false;
      }
      if (!target()) return false;
      const result = await fetchSource(passage.sourceId);
      if (!result.ok) {
        deps.showError(result.error);
        return false;
      }
      const editor = target();
      if (!editor) return false;
      citations.primeSources([result.value]);
      return insertNodes(editor, quoteNodes(result.value, passage.quote, quoteKindAt(editor, kind)));
    },

    openSource(id) {
      deps.showSidebar();
      research.sidebar.setTab('sources');
      void research.sources.openReader(id);
    },
  };
}

import type { Node as PmNode } from '@tiptap/pm/model';
import type { EditorView, NodeView } from '@tiptap/pm/view';
import type { CitationCallbacks } from '../citations-state/citation-callbacks';
import { citationsOf, onCitationsChange } from '../citations-state/citations-state';
import { sourcesEntries } from './sources-entries';

/** What the Sources view needs from its extension. */
export interface SourcesViewContext {
  emptyText: string;
  callbacks: CitationCallbacks;
}

/** Name of the performance measure of each Sources list render. */
export const SOURCES_RENDER_MEASURE = 'bd:sources-render';

const nextFrame = (callback: () => void): (() => void) => {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(callback, 16);
  return () => clearTimeout(id);
};

/**
 * The generated Sources list: plain DOM, read-only, rebuilt from the citation numbering one frame
 * after it changed (several renumberings in a frame cost one list update), and only the entries
 * whose text changed are touched.
 */
export class SourcesSectionNodeView implements NodeView {
  readonly dom: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLParagraphElement;
  private node: PmNode;
  private cancelFrame: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    node: PmNode,
    private readonly view: EditorView,
    private readonly context: SourcesViewContext,
  ) {
    this.node = node;
    const dom = document.createElement('div');
    dom.className = 'bd-sources-section';
    dom.setAttribute('contenteditable', 'false');
    dom.setAttribute('data-sources-section', '');
    dom.setAttribute('data-testid', 'sources-section');
    dom.setAttribute('role', 'region');
    dom.setAttribute('aria-label', 'Sources');
    this.empty = document.createElement('p');
    this.empty.className = 'bd-sources-section__empty';
    this.empty.textContent = context.emptyText;
    this.list = document.createElement('ol');
    this.list.className = 'bd-sources-section__list';
    this.list.setAttribute('data-testid', 'sources-list');
    dom.append(this.empty, this.list);
    this.dom = dom;
    this.render();
    this.unsubscribe = onCitationsChange(view, () => this.schedule());
  }

  private schedule(): void {
    if (this.cancelFrame) return;
    this.cancelFrame = nextFrame(() => {
      this.cancelFrame = null;
      this.render();
    });
  }

  /** Renders the list now from the current state. */
  render(): void {
    const started = performance.now();
    this.renderList();
    // Read by the benchmark (citation_edit_p95_ms) and visible in a performance profile.
    performance.measure(SOURCES_RENDER_MEASURE, { start: started, end: performance.now() });
  }

  private renderList(): void {
    const state = this.view.state;
    const citations = citationsOf(state);
    const { numbering, styleId } = citations;
    let entries: { sourceId: string; text: string }[];
    try {
      entries = sourcesEntries(this.view, citations, this.context.callbacks);
    } catch {
      // A broken added style must not break the note: list what is known of each source.
      entries = numbering.order.map((sourceId, index) => ({ sourceId, text: `${index + 1}. ${sourceId}` }));
    }
    this.empty.hidden = entries.length > 0;
    this.list.hidden = entries.length === 0;
    this.dom.setAttribute('data-style', styleId);
    const items = this.list.children;
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index]!;
      let item = items[index] as HTMLLIElement | undefined;
      if (!item) {
        item = document.createElement('li');
        item.className = 'bd-sources-section__entry';
        item.setAttribute('data-testid', 'sources-entry');
        this.list.append(item);
      }
      if (item.getAttribute('data-source-id') !== entry.sourceId) item.setAttribute('data-source-id', entry.sourceId);
      const broken = this.context.callbacks.getSourceStatus?.(entry.sourceId) === 'deleted';
      item.classList.toggle('is-broken', broken);
      if (item.textContent !== entry.text) item.textContent = entry.text;
    }
    while (items.length > entries.length) items[items.length - 1]!.remove();
  }

  update(node: PmNode): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    return true;
  }

  selectNode(): void {
    this.dom.classList.add('is-selected');
  }

  deselectNode(): void {
    this.dom.classList.remove('is-selected');
  }

  // Generated content: ProseMirror must not read it back, nor take its clicks for text editing.
  ignoreMutation(): boolean {
    return true;
  }

  stopEvent(): boolean {
    return false;
  }

  destroy(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
    this.unsubscribe();
  }
}

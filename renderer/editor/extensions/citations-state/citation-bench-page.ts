// The page of `npm run bench`'s citation_edit_p95_ms (bundled by bench/citations.ts; it lives here so
// the renderer's type-check covers it). The real editor extensions (createEditorExtensions) on a note with 300
// citations to 120 sources and a Sources section, or, for the baseline, the same note with the
// citations written as plain text and no Sources section.
import { Editor } from '@tiptap/core';
import type { DocNode } from '../../../../core/domain/note';
import { createEditorExtensions } from '../../editor-extensions';
import { SOURCES_RENDER_MEASURE } from '../sources-section/sources-section-view';
import { citationOf } from './citation-fixtures';

/** An edit the benchmark times. */
export type CitationEditKind = 'insert' | 'delete' | 'move';

/** Times of one edit, from its start (a task, as a key press is). */
export interface EditTiming {
  /** Until labels and the Sources list are up to date in the DOM (the Sources list updates in the next animation frame). */
  dom: number;
  /** Until the frame showing them has been produced (style, layout and paint included). */
  painted: number;
  /** Main-thread work to bring them up to date: the transaction (numbering, labels) plus the Sources list render. */
  work: number;
}

declare global {
  interface Window {
    citationBench: {
      load: (withCitations: boolean) => void;
      edit: (kind: CitationEditKind) => Promise<EditTiming>;
      check: () => string | null;
    };
  }
}

const PARAGRAPHS = 150;
const SOURCES = 120;
const SENTENCE = 'On 5 June 2025 the two presidents held a call on trade, including rare-earth exports and licences';

let editor: Editor | null = null;
let cited = true;

/** Citation i names source s(i % 120) in a scrambled order, so numbers are not just 1..120 in sequence. */
const sourceOf = (i: number): string => `s${(i * 37) % SOURCES}`;

function buildDoc(withCitations: boolean): DocNode {
  const content: DocNode[] = [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Rare earths: the week in review' }] }];
  for (let p = 0; p < PARAGRAPHS; p += 1) {
    const a = sourceOf(2 * p);
    const b = sourceOf(2 * p + 1);
    const inline: DocNode[] = withCitations
      ? [{ type: 'text', text: `${SENTENCE} (${p}). ` }, citationOf([a]), { type: 'text', text: ` Officials confirmed it the next day. ` }, citationOf([b])]
      : [{ type: 'text', text: `${SENTENCE} (${p}). [${a}] Officials confirmed it the next day. [${b}]` }];
    content.push({ type: 'paragraph', content: inline });
  }
  content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Sources' }] });
  if (withCitations) content.push({ type: 'sourcesSection' });
  return { type: 'doc', content };
}

/** Position of the start of top-level block `index`. */
function blockStart(index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i += 1) pos += editor!.state.doc.child(i).nodeSize;
  return pos;
}

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const task = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

let inserted = false;

function applyEdit(kind: CitationEditKind): void {
  const target = editor!;
  const { state } = target;
  const at = blockStart(1) + 1;
  if (kind === 'insert') {
    const node = cited ? state.schema.nodeFromJSON(citationOf(['s-new'])) : state.schema.text('[s-new] ');
    target.view.dispatch(state.tr.insert(at, node));
    inserted = true;
  } else if (kind === 'delete') {
    const size = cited ? 1 : '[s-new] '.length;
    if (!inserted) return;
    target.view.dispatch(state.tr.delete(at, at + size));
    inserted = false;
  } else {
    // Move the first paragraph below the fourth, as a drag would.
    const from = blockStart(1);
    const block = state.doc.child(1);
    const tr = state.tr.delete(from, from + block.nodeSize);
    tr.insert(blockStart(4) - block.nodeSize, block);
    target.view.dispatch(tr);
  }
}

window.citationBench = {
  load(withCitations) {
    editor?.destroy();
    document.getElementById('editor')!.replaceChildren();
    cited = withCitations;
    inserted = false;
    editor = new Editor({
      element: document.getElementById('editor')!,
      extensions: createEditorExtensions({ citations: { getStyleId: () => 'numeric' } }),
      content: buildDoc(withCitations),
    });
  },
  async edit(kind) {
    // Start in a task after a frame, as a key press does, not inside an animation frame callback.
    await frame();
    await task();
    performance.clearMeasures(SOURCES_RENDER_MEASURE);
    const start = performance.now();
    applyEdit(kind);
    const sync = performance.now() - start;
    // The Sources list renders in the first animation frame after the edit; this callback is queued after it.
    await frame();
    const dom = performance.now() - start;
    // A task queued from that frame runs once the frame has been produced.
    await task();
    const painted = performance.now() - start;
    const sources = performance.getEntriesByName(SOURCES_RENDER_MEASURE).reduce((sum, entry) => sum + entry.duration, 0);
    return { dom, painted, work: sync + sources };
  },
  /** Null when every label and Sources entry matches a fresh numbering of the document, else what differs. */
  check() {
    if (!cited) return null;
    const order: string[] = [];
    const numberOf = new Map<string, number>();
    const expected: string[] = [];
    editor!.state.doc.descendants((node) => {
      if (node.type.name !== 'citation') return true;
      const id = (node.attrs.sourceIds as string[])[0]!;
      if (!numberOf.has(id)) {
        order.push(id);
        numberOf.set(id, order.length);
      }
      expected.push(`[${numberOf.get(id)}]`);
      return false;
    });
    const labels = [...document.querySelectorAll('[data-citation]')].map((node) => node.textContent);
    if (labels.join() !== expected.join()) return `labels differ: ${labels.slice(0, 5).join()} vs ${expected.slice(0, 5).join()}`;
    const entries = [...document.querySelectorAll('[data-testid="sources-entry"]')].map((node) => node.getAttribute('data-source-id'));
    if (entries.join() !== order.join()) return `sources differ: ${entries.slice(0, 5).join()} vs ${order.slice(0, 5).join()}`;
    return null;
  },
};

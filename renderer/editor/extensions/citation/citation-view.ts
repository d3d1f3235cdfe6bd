import type { Node as PmNode } from '@tiptap/pm/model';
import type { EditorView, NodeView } from '@tiptap/pm/view';
import type { CitationCallbacks } from '../citations-state/citation-callbacks';
import { citationsOf, onCitationsChange } from '../citations-state/citations-state';
import { formattedCitation } from '../citations-state/note-format';
import type { CitationCard } from './citation-card';
import { citationLabel } from './citation-label';

/** What a citation view needs from its extension. */
export interface CitationViewContext {
  callbacks: CitationCallbacks;
  card: () => CitationCard;
  /** Opens the edit popover for the citation at `pos`. */
  edit: (pos: number) => void;
}

/**
 * The in-text citation: a plain DOM span showing its label ("[2]", "(Reuters, 2025)" or the broken
 * "[?]"). It re-renders when its node changes or the numbering does (through onCitationsChange),
 * and only touches the DOM when the label changed, so renumbering 300 citations stays cheap.
 */
export class CitationNodeView implements NodeView {
  readonly dom: HTMLElement;
  private node: PmNode;
  private shown = '';
  private brokenShown: boolean | null = null;
  /** What the label was computed from (style, refresh count, numbers); null after a node change. */
  private renderedKey: string | null = null;
  /** The note text of a note style's citation, for the hover card. */
  private note: string | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    node: PmNode,
    private readonly view: EditorView,
    private readonly getPos: () => number | undefined,
    private readonly context: CitationViewContext,
  ) {
    this.node = node;
    const dom = document.createElement('span');
    dom.className = 'bd-citation';
    dom.setAttribute('contenteditable', 'false');
    dom.setAttribute('data-citation', '');
    dom.addEventListener('mouseenter', this.onEnter);
    dom.addEventListener('mouseleave', this.onLeave);
    dom.addEventListener('click', this.onClick);
    dom.addEventListener('dblclick', this.onDoubleClick);
    this.dom = dom;
    this.render();
    this.unsubscribe = onCitationsChange(view, () => this.render());
  }

  private render(): void {
    const state = citationsOf(this.view.state);
    const ids = (this.node.attrs.sourceIds as string[] | null) ?? [];
    const pos = this.getPos();
    const formatted = pos === undefined ? null : formattedCitation(this.view, pos, state.styleId, state.version, this.context.callbacks);
    // Renumbering notifies every citation; most keep their label, and those skip the label work.
    let key = `${state.styleId}\u0000${state.refreshes}\u0000${formatted ? `${formatted.kind}\u0000${formatted.label}\u0000${formatted.note ?? ''}` : ''}`;
    if (!formatted || formatted.label === '') for (const id of ids) key += `\u0000${state.numbering.numberOf.get(id) ?? 0}`;
    if (key === this.renderedKey) return;
    this.renderedKey = key;
    const label = citationLabel(this.node, state, this.context.callbacks, formatted);
    const dom = this.dom;
    if (label.text !== this.shown) {
      dom.textContent = label.text;
      this.shown = label.text;
    }
    // A note style's citation is a superscript note number; the note itself shows on hover.
    dom.classList.toggle('is-note', label.isNote);
    if (label.isNote) dom.setAttribute('data-note', label.note ?? '');
    else dom.removeAttribute('data-note');
    this.note = label.note;
    const idsText = JSON.stringify(ids);
    if (dom.getAttribute('data-source-ids') !== idsText) dom.setAttribute('data-source-ids', idsText);
    if (label.broken !== this.brokenShown) {
      this.brokenShown = label.broken;
      dom.classList.toggle('is-broken', label.broken);
      dom.setAttribute('data-testid', label.broken ? 'citation-broken' : 'citation');
    }
    dom.classList.toggle('is-changed', label.changed !== null);
    if (label.changed) dom.setAttribute('data-changed', '');
    else dom.removeAttribute('data-changed');
    const tooltip = label.problem ?? label.changed;
    if (tooltip) dom.title = tooltip;
    else if (dom.hasAttribute('title')) dom.removeAttribute('title');
  }

  private readonly onEnter = (): void => {
    this.context.card().scheduleShow({
      node: this.node,
      anchor: this.dom,
      note: this.note,
      onEdit: this.view.editable ? () => this.edit() : null,
    });
  };

  private readonly onLeave = (): void => this.context.card().scheduleHide();

  private readonly onClick = (event: MouseEvent): void => {
    // Ctrl/Cmd+click and shift-click select, as elsewhere in the text.
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    const first = ((this.node.attrs.sourceIds as string[] | null) ?? []).find((id) => this.context.callbacks.getSourceStatus?.(id) !== 'deleted');
    if (first) this.context.callbacks.onOpenSource?.(first);
  };

  private readonly onDoubleClick = (event: MouseEvent): void => {
    if (!this.view.editable) return;
    event.preventDefault();
    this.edit();
  };

  private edit(): void {
    const pos = this.getPos();
    if (pos !== undefined) this.context.edit(pos);
  }

  update(node: PmNode): boolean {
    if (node.type !== this.node.type) return false;
    if (node !== this.node) this.renderedKey = null;
    this.node = node;
    this.render();
    return true;
  }

  selectNode(): void {
    this.dom.classList.add('is-selected');
  }

  deselectNode(): void {
    this.dom.classList.remove('is-selected');
  }

  // The label is ours; ProseMirror must neither read it back as content nor swallow the clicks.
  ignoreMutation(): boolean {
    return true;
  }

  stopEvent(): boolean {
    return false;
  }

  destroy(): void {
    this.unsubscribe();
    if (this.context.card().isShowingFor(this.dom)) this.context.card().hide();
  }
}

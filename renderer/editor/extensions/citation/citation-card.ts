import type { Node as PmNode } from '@tiptap/pm/model';
import type { CitationCallbacks } from '../citations-state/citation-callbacks';
import { el, placeNear } from '../citations-state/dom';
import { snapshotFor, sourceProblem } from './citation-label';

/** What the card needs to show a citation and act on it. */
export interface CardTarget {
  node: PmNode;
  anchor: HTMLElement;
  onEdit: (() => void) | null;
  /** In a note style, the citation's note as the style writes it, shown above the sources. */
  note?: string | null;
}

/** Delay before the card shows, so moving the pointer across text does not flash cards. */
export const CARD_SHOW_DELAY_MS = 300;
const CARD_HIDE_DELAY_MS = 200;

function dateText(published: string | null): string {
  return published ?? 'no date';
}

/**
 * The source card shown over a hovered citation: one block per source (title, publisher, date,
 * Admiralty grade badge, URL) with "Open" (the app's sidebar) and "Edit citation". One card per
 * editor, in document.body (position: fixed), so it is never clipped by the page column.
 */
export class CitationCard {
  private panel: HTMLElement | null = null;
  private showTimer: ReturnType<typeof setTimeout> | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;
  private current: CardTarget | null = null;

  constructor(private readonly callbacks: CitationCallbacks) {}

  /** Shows the card for `target` after the hover delay. */
  scheduleShow(target: CardTarget): void {
    this.cancelHide();
    if (this.showTimer) clearTimeout(this.showTimer);
    this.showTimer = setTimeout(() => {
      this.showTimer = null;
      this.show(target);
    }, CARD_SHOW_DELAY_MS);
  }

  /** Hides the card shortly, unless the pointer moves onto it. */
  scheduleHide(): void {
    if (this.showTimer) clearTimeout(this.showTimer);
    this.showTimer = null;
    this.cancelHide();
    this.hideTimer = setTimeout(() => this.hide(), CARD_HIDE_DELAY_MS);
  }

  /** Whether the card is showing for this anchor. */
  isShowingFor(anchor: HTMLElement): boolean {
    return this.current?.anchor === anchor && this.panel !== null;
  }

  private cancelHide(): void {
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.hideTimer = null;
  }

  show(target: CardTarget): void {
    this.hide();
    if (!target.anchor.isConnected) return;
    this.current = target;
    const { node } = target;
    const blocks = ((node.attrs.sourceIds as string[] | null) ?? []).map((id) => this.sourceBlock(node, id));
    const actions = el(
      'div',
      { className: 'bd-citation-card__actions' },
      target.onEdit
        ? el('button', {
            type: 'button',
            className: 'bd-citation-card__button',
            'data-testid': 'citation-card-edit',
            text: 'Edit citation',
            onMousedown: (event) => event.preventDefault(),
            onClick: () => {
              const edit = target.onEdit;
              this.hide();
              edit?.();
            },
          })
        : null,
    );
    const panel = el(
      'div',
      {
        className: 'bd-citation-card',
        role: 'dialog',
        'aria-label': 'Cited source',
        'data-testid': 'citation-card',
        onMouseenter: () => this.cancelHide(),
        onMouseleave: () => this.scheduleHide(),
      },
      target.note ? el('p', { className: 'bd-citation-card__note', 'data-testid': 'citation-card-note', text: `${target.anchor.textContent ?? ''}. ${target.note}` }) : null,
      ...blocks,
      actions,
    );
    document.body.append(panel);
    this.panel = panel;
    placeNear(panel, target.anchor);
  }

  private sourceBlock(node: PmNode, id: string): HTMLElement {
    const problem = sourceProblem(node, id, this.callbacks);
    const snapshot = snapshotFor(node, id, this.callbacks);
    const open = el('button', {
      type: 'button',
      className: 'bd-citation-card__button',
      'data-testid': 'citation-card-open',
      text: 'Open in sidebar',
      onMousedown: (event) => event.preventDefault(),
      onClick: () => {
        this.hide();
        this.callbacks.onOpenSource?.(id);
      },
    });
    if (!snapshot) {
      return el('div', { className: 'bd-citation-card__source is-broken' }, el('p', { className: 'bd-citation-card__problem', text: problem ?? 'Source missing' }));
    }
    const meta = [snapshot.publisher, dateText(snapshot.published)].filter(Boolean).join(' · ');
    return el(
      'div',
      { className: problem ? 'bd-citation-card__source is-broken' : 'bd-citation-card__source', 'data-source-id': id },
      problem ? el('p', { className: 'bd-citation-card__problem', role: 'alert', text: problem }) : null,
      el(
        'div',
        { className: 'bd-citation-card__head' },
        el('strong', { className: 'bd-citation-card__title', text: snapshot.title || 'Untitled source' }),
        snapshot.grade ? el('span', { className: 'bd-citation-card__grade', title: 'Admiralty grade', 'data-testid': 'citation-card-grade', text: snapshot.grade }) : null,
      ),
      el('div', { className: 'bd-citation-card__meta', text: meta }),
      snapshot.url ? el('div', { className: 'bd-citation-card__url', title: snapshot.url, text: snapshot.url }) : null,
      problem === null && this.callbacks.onOpenSource ? open : null,
    );
  }

  /** Removes the card now. */
  hide(): void {
    this.cancelHide();
    this.panel?.remove();
    this.panel = null;
    this.current = null;
  }

  /** Stops timers and removes the card (editor destroyed). */
  destroy(): void {
    if (this.showTimer) clearTimeout(this.showTimer);
    this.showTimer = null;
    this.hide();
  }
}

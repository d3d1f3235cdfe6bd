import type { Node as PmNode } from '@tiptap/pm/model';
import type { CitationAttrs, CitationLocator, SourceSnapshot } from '../../../../core/editor/citation';
import type { CitationCallbacks, SourceSearchHit } from '../citations-state/citation-callbacks';
import { el, placeNear } from '../citations-state/dom';
import { snapshotFor } from './citation-label';

/** What the popover edits and where its result goes. */
export interface PopoverTarget {
  node: PmNode;
  anchor: Element;
  /** Saves new attrs, or removes the citation when it names no source any more (null). */
  apply: (attrs: CitationAttrs | null) => void;
  /** Called after the popover closed (saved or not): the editor takes the focus back. */
  onClose: () => void;
}

const LOCATOR_LABELS: CitationLocator['label'][] = ['page', 'paragraph', 'section', 'line'];
const SEARCH_DELAY_MS = 150;

/**
 * The small citation editor: the cited sources (each removable), a search to add one, and a
 * locator (page, paragraph, section or line + value). Save writes the node attrs in one undoable
 * step; Escape or Cancel leaves the citation as it was. Plain DOM in document.body.
 */
export class CitationPopover {
  private readonly panel: HTMLElement;
  private readonly list: HTMLElement;
  private readonly results: HTMLElement;
  private readonly labelSelect: HTMLSelectElement;
  private readonly valueInput: HTMLInputElement;
  private readonly searchInput: HTMLInputElement;
  private sourceIds: string[];
  private readonly snapshots: Record<string, SourceSnapshot>;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  private searchSerial = 0;
  private closed = false;

  constructor(
    private readonly callbacks: CitationCallbacks,
    private readonly target: PopoverTarget,
  ) {
    const { node } = target;
    this.sourceIds = [...((node.attrs.sourceIds as string[] | null) ?? [])];
    this.snapshots = { ...((node.attrs.snapshots as Record<string, SourceSnapshot> | null) ?? {}) };
    const locator = node.attrs.locator as CitationLocator | null;

    this.list = el('ul', { className: 'bd-citation-popover__sources', 'data-testid': 'citation-popover-sources' });
    this.results = el('ul', { className: 'bd-citation-popover__results', 'data-testid': 'citation-popover-results' });
    this.searchInput = el('input', {
      type: 'search',
      className: 'bd-citation-popover__input',
      placeholder: 'Add a source: search the library…',
      'aria-label': 'Search sources to add',
      'data-testid': 'citation-popover-search',
      onInput: () => this.scheduleSearch(),
    });
    this.labelSelect = el(
      'select',
      { className: 'bd-citation-popover__select', 'aria-label': 'Locator type', 'data-testid': 'citation-popover-locator-label' },
      el('option', { value: '', text: 'No locator' }),
      ...LOCATOR_LABELS.map((label) => el('option', { value: label, text: label[0]!.toUpperCase() + label.slice(1) })),
    );
    this.labelSelect.value = locator?.label ?? '';
    this.valueInput = el('input', {
      type: 'text',
      className: 'bd-citation-popover__input bd-citation-popover__locator-value',
      placeholder: 'e.g. 4',
      'aria-label': 'Locator',
      'data-testid': 'citation-popover-locator-value',
      value: locator?.value ?? '',
    });
    const hasSearch = Boolean(callbacks.searchSources);
    this.panel = el(
      'div',
      {
        className: 'bd-citation-popover',
        role: 'dialog',
        'aria-label': 'Edit citation',
        'data-testid': 'citation-popover',
        onKeydown: (event) => this.onKeyDown(event as KeyboardEvent),
      },
      el('div', { className: 'bd-citation-popover__title', text: 'Edit citation' }),
      this.list,
      hasSearch ? this.searchInput : null,
      hasSearch ? this.results : null,
      el('div', { className: 'bd-citation-popover__locator' }, this.labelSelect, this.valueInput),
      el(
        'div',
        { className: 'bd-citation-popover__actions' },
        el('button', { type: 'button', className: 'bd-citation-popover__button', 'data-testid': 'citation-popover-cancel', text: 'Cancel', onClick: () => this.close() }),
        el('button', { type: 'button', className: 'bd-citation-popover__button is-primary', 'data-testid': 'citation-popover-save', text: 'Save', onClick: () => this.save() }),
      ),
    );
    this.renderSources();
    document.body.append(this.panel);
    placeNear(this.panel, target.anchor);
    (hasSearch ? this.searchInput : this.labelSelect).focus();
    document.addEventListener('mousedown', this.onOutsideMouseDown, true);
  }

  private readonly onOutsideMouseDown = (event: MouseEvent): void => {
    if (event.target instanceof Node && this.panel.contains(event.target)) return;
    this.close();
  };

  /** The popover element (tests drive it). */
  get element(): HTMLElement {
    return this.panel;
  }

  private renderSources(): void {
    this.list.replaceChildren(
      ...this.sourceIds.map((id) => {
        const snapshot = this.snapshots[id] ?? snapshotFor(this.target.node, id, this.callbacks);
        return el(
          'li',
          { className: 'bd-citation-popover__source', 'data-source-id': id },
          el('span', { className: 'bd-citation-popover__source-title', text: snapshot?.title || `Missing source (${id})` }),
          el('button', {
            type: 'button',
            className: 'bd-citation-popover__remove',
            'aria-label': `Remove ${snapshot?.title ?? 'source'}`,
            'data-testid': 'citation-popover-remove',
            text: '×',
            onClick: () => {
              this.sourceIds = this.sourceIds.filter((other) => other !== id);
              this.renderSources();
            },
          }),
        );
      }),
    );
    if (this.sourceIds.length === 0) {
      this.list.append(el('li', { className: 'bd-citation-popover__empty', text: 'No source left: saving removes the citation.' }));
    }
  }

  private scheduleSearch(): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.search(this.searchInput.value.trim()), SEARCH_DELAY_MS);
  }

  /** Runs the search now (also used by tests). */
  async search(query: string): Promise<void> {
    const serial = ++this.searchSerial;
    if (!query || !this.callbacks.searchSources) {
      this.results.replaceChildren();
      return;
    }
    let hits: SourceSearchHit[];
    try {
      hits = await this.callbacks.searchSources(query);
    } catch {
      hits = [];
    }
    // A slower, older answer must not replace a newer one.
    if (serial !== this.searchSerial || this.closed) return;
    const fresh = hits.filter((hit) => !this.sourceIds.includes(hit.id)).slice(0, 8);
    this.results.replaceChildren(
      ...fresh.map((hit) =>
        el(
          'li',
          {},
          el('button', {
            type: 'button',
            className: 'bd-citation-popover__result',
            'data-testid': 'citation-popover-result',
            'data-source-id': hit.id,
            text: [hit.snapshot.title, hit.snapshot.publisher].filter(Boolean).join(' — '),
            onClick: () => this.add(hit),
          }),
        ),
      ),
    );
    if (fresh.length === 0) this.results.append(el('li', { className: 'bd-citation-popover__empty', text: 'No matching source' }));
  }

  private add(hit: SourceSearchHit): void {
    if (!this.sourceIds.includes(hit.id)) this.sourceIds.push(hit.id);
    this.snapshots[hit.id] = hit.snapshot;
    this.searchInput.value = '';
    this.results.replaceChildren();
    this.renderSources();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Enter' && event.target !== this.searchInput && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      this.save();
    }
  }

  /** Writes the edited citation and closes. */
  save(): void {
    if (this.closed) return;
    if (this.sourceIds.length === 0) {
      this.target.apply(null);
      this.close();
      return;
    }
    const snapshots: Record<string, SourceSnapshot> = {};
    for (const id of this.sourceIds) {
      // Saving reviews the citation: it takes the library's current data as the new snapshot.
      const snapshot = snapshotFor(this.target.node, id, this.callbacks) ?? this.snapshots[id];
      if (snapshot) snapshots[id] = snapshot;
    }
    const label = this.labelSelect.value as CitationLocator['label'] | '';
    const value = this.valueInput.value.trim();
    const locator: CitationLocator | null = label && value ? { label, value } : null;
    this.target.apply({ sourceIds: [...this.sourceIds], snapshots, locator });
    this.close();
  }

  /** Closes without saving (what is saved already stays). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    document.removeEventListener('mousedown', this.onOutsideMouseDown, true);
    this.panel.remove();
    this.target.onClose();
  }

  /** Whether the popover was closed. */
  get isClosed(): boolean {
    return this.closed;
  }
}

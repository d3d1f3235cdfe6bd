import { Node, mergeAttributes } from '@tiptap/core';

/** What export needs of a cited source, so a note renders on its own (ids stay the reference). */
export interface SourceSnapshot {
  title: string;
  publisher: string;
  authors: string[];
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  published: string | null;
  url: string | null;
  /** Admiralty grade, e.g. "B2", or null. */
  grade: string | null;
  /** CSL item type (article-newspaper, webpage, report…). */
  type: string;
}

/** A pinpoint inside the cited source(s). */
export interface CitationLocator {
  label: 'page' | 'paragraph' | 'section' | 'line';
  value: string;
}

/** Attributes of a citation node. */
export interface CitationAttrs {
  sourceIds: string[];
  locator: CitationLocator | null;
  snapshots: Record<string, SourceSnapshot>;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    citation: {
      /** Inserts a citation to one or more sources at the selection. */
      insertCitation: (attrs: CitationAttrs) => ReturnType;
    };
  }
}

const parseJson = <T>(value: string | null, fallback: T): T => {
  if (!value) return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
};

/**
 * An inline citation. The document holds source ids (not copies) plus a snapshot of what export
 * needs; the number shown ("[2]") is derived from the order of first appearance, never stored.
 */
export const Citation = Node.create({
  name: 'citation',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      sourceIds: {
        default: [],
        parseHTML: (element) => parseJson<string[]>(element.getAttribute('data-source-ids'), []),
        renderHTML: (attributes) => ({ 'data-source-ids': JSON.stringify(attributes.sourceIds ?? []) }),
      },
      locator: {
        default: null,
        parseHTML: (element) => parseJson<CitationLocator | null>(element.getAttribute('data-locator'), null),
        renderHTML: (attributes) => (attributes.locator ? { 'data-locator': JSON.stringify(attributes.locator) } : {}),
      },
      snapshots: {
        default: {},
        parseHTML: (element) => parseJson<Record<string, SourceSnapshot>>(element.getAttribute('data-snapshots'), {}),
        renderHTML: (attributes) => ({ 'data-snapshots': JSON.stringify(attributes.snapshots ?? {}) }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-citation]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { 'data-citation': '', class: 'citation' }), '[?]'];
  },

  renderText() {
    return '[?]';
  },

  addCommands() {
    return {
      insertCitation:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
    };
  },
});

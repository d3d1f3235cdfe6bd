import { Mark, mergeAttributes } from '@tiptap/core';

/** Attributes of a provenance mark: which event a piece of text was made from, and when. */
export interface ProvenanceAttrs {
  eventId: string;
  datasetId: string | null;
  datasetVersion: number;
  /** ISO timestamp of the insertion. */
  insertedAt: string;
}

/**
 * Marks text inserted from an event, so every fact can be traced back to its event (and through
 * the event to its articles) and flagged when the event changes. Not inclusive: typing at its edge
 * is the analyst's own text.
 */
export const Provenance = Mark.create({
  name: 'provenance',
  inclusive: false,
  excludes: '',

  addAttributes() {
    return {
      eventId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-provenance-event'),
        renderHTML: (attributes) => ({ 'data-provenance-event': attributes.eventId }),
      },
      datasetId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-provenance-dataset'),
        renderHTML: (attributes) => (attributes.datasetId ? { 'data-provenance-dataset': attributes.datasetId } : {}),
      },
      datasetVersion: {
        default: 0,
        parseHTML: (element) => Number(element.getAttribute('data-provenance-version') ?? 0),
        renderHTML: (attributes) => ({ 'data-provenance-version': String(attributes.datasetVersion ?? 0) }),
      },
      insertedAt: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-provenance-at'),
        renderHTML: (attributes) => (attributes.insertedAt ? { 'data-provenance-at': attributes.insertedAt } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-provenance-event]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'provenance' }), 0];
  },
});

import type { Node as PmNode } from '@tiptap/pm/model';

/** The library ids a note refers to: sources named by its citations, events named by its provenance marks. */
export interface CitedIds {
  sourceIds: string[];
  eventIds: string[];
}

/**
 * Collects the cited source ids and the provenance event ids of a document, each once, in document
 * order. One walk over the tree; text nodes are only looked at for their marks.
 */
export function collectCitedIds(doc: PmNode): CitedIds {
  const sources = new Set<string>();
  const events = new Set<string>();
  doc.descendants((node) => {
    if (node.type.name === 'citation') {
      const ids: unknown = node.attrs.sourceIds;
      if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') sources.add(id);
      return false;
    }
    if (node.isText) {
      for (const mark of node.marks) {
        if (mark.type.name !== 'provenance') continue;
        const eventId: unknown = mark.attrs.eventId;
        if (typeof eventId === 'string' && eventId) events.add(eventId);
      }
    }
    return true;
  });
  return { sourceIds: [...sources], eventIds: [...events] };
}

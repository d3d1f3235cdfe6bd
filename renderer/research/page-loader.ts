import { pagesFor } from './event-query';

/** Pages fetched at once; more would queue on the backend behind pages already scrolled past. */
const MAX_INFLIGHT = 2;

/** Loads the pages of a windowed list. */
export interface PageLoader {
  /** The list shows rows `first`..`last` now: load their pages, newest wish first. */
  want(first: number, last: number): void;
  /** A new result set: forget what is in flight (their answers are dropped by the caller). */
  reset(): void;
}

/**
 * Fetches the pages of the rows on screen, at most two at a time, always for the latest visible
 * range: when the analyst flings the list through 100,000 rows, the pages scrolled past are never
 * requested, and the rows where the scroll stops arrive first.
 */
export function createPageLoader(options: {
  pageSize: number;
  total: () => number | null;
  isLoaded: (page: number) => boolean;
  /** Fetches and stores one page; resolves when done (successfully or not). */
  fetch: (page: number) => Promise<void>;
}): PageLoader {
  let inflight = new Set<number>();
  let wanted: [number, number] | null = null;

  const pump = (): void => {
    const total = options.total();
    if (!wanted || total === null) return;
    for (const page of pagesFor(wanted[0], wanted[1], options.pageSize, total)) {
      if (inflight.size >= MAX_INFLIGHT) return;
      if (inflight.has(page) || options.isLoaded(page)) continue;
      const batch = inflight;
      batch.add(page);
      void options.fetch(page).finally(() => {
        // After a reset this batch is stale; its slot is not ours to free.
        if (batch !== inflight) return;
        batch.delete(page);
        pump();
      });
    }
  };

  return {
    want(first, last) {
      wanted = [first, last];
      pump();
    },
    reset() {
      inflight = new Set();
    },
  };
}

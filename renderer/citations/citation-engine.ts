import type * as CslEngine from './csl-engine';

/** The CSL engine (core's formatNoteCitations and style registry), once loaded. */
export type CitationEngine = typeof CslEngine;

let engine: CitationEngine | null = null;
let loading: Promise<CitationEngine> | null = null;

/**
 * Loads the CSL engine chunk (once; a failed load may be tried again). Until it is there, the editor
 * shows numeric labels from the numbering and plain Sources entries, and refreshes when it arrives.
 */
export function loadCitationEngine(): Promise<CitationEngine> {
  loading ??= import('./csl-engine').then(
    (module) => {
      engine = module;
      return module;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The engine when its chunk has loaded, else null (callers fall back to what needs no engine). */
export function citationEngine(): CitationEngine | null {
  return engine;
}

/** Registers an added style's CSL, loading the engine first (the citations store awaits it). */
export async function registerStyleLazily(id: string, xml: string): Promise<void> {
  (await loadCitationEngine()).registerStyle(id, xml);
}

/**
 * Starts loading the engine once the browser is idle after the first render, so it is usually there
 * before the analyst opens a note in an author-date style or looks at the Sources list.
 */
export function preloadCitationEngineWhenIdle(): void {
  const load = (): void => {
    // A failure here is retried by whoever needs the engine next.
    loadCitationEngine().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(load, { timeout: 2000 });
  else window.setTimeout(load, 200);
}

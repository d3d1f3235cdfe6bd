import { SAMPLE_DATASET_NAME, SAMPLE_FILE_NAME, SAMPLE_LIBRARY_JSON, sampleLibraryBytes } from './sample-data';

/**
 * The sample library offered on first run, from the menu and by the CLI's `sample` command: 2025
 * rare-earth export controls and the US–China talks, in Briefing Desk's own JSON import format.
 * Load it by importing `sampleLibraryBytes()` under `SAMPLE_FILE_NAME` with format "json" into a
 * dataset named `SAMPLE_DATASET_NAME`; event ids are stable, so a second load updates nothing.
 * The data lives in a TypeScript module (sample-data.ts), so bundles carry it with no file to copy.
 */
export { SAMPLE_DATASET_NAME, SAMPLE_FILE_NAME, SAMPLE_LIBRARY_JSON, sampleLibraryBytes };

/** How many events and sources the sample holds (for the first-run offer: "16 events, 14 sources"). */
export function sampleLibraryCounts(): { events: number; sources: number } {
  return { events: SAMPLE_LIBRARY_JSON.events.length, sources: SAMPLE_LIBRARY_JSON.sources.length };
}

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The part of Electron's Session that configures the spellchecker. */
export interface SpellcheckSession {
  setSpellCheckerEnabled(enable: boolean): void;
  setSpellCheckerDictionaryDownloadURL(url: string): void;
}

/**
 * True where spellchecking needs no dictionary download: macOS checks with the system's own
 * spellchecker. On Windows and Linux Electron runs Chromium's Hunspell, which fetches a `.bdic`
 * dictionary per language from Google's CDN on first use; no package we can ship offline carries
 * `.bdic` files (`dictionary-en` has Hunspell's .aff/.dic, which Chromium cannot load without its
 * own converter), so there the spellchecker stays off rather than reach the internet.
 */
export function spellcheckWithoutDownload(platform: NodeJS.Platform): boolean {
  return platform === 'darwin';
}

/**
 * Makes the session's spellchecker download nothing: on macOS the native checker stays on; on
 * Windows and Linux it is switched off. Either way the dictionary "download" address is a local
 * folder (userData/Dictionaries, where Chromium keeps its dictionaries) rather than the CDN, so
 * even a spellchecker switched on later reads only what is already on disk.
 */
export function configureOfflineSpellcheck(session: SpellcheckSession, platform: NodeJS.Platform, userDataDir: string): void {
  session.setSpellCheckerDictionaryDownloadURL(`${pathToFileURL(join(userDataDir, 'Dictionaries')).href}/`);
  session.setSpellCheckerEnabled(spellcheckWithoutDownload(platform));
}

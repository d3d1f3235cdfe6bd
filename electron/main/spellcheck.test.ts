import { describe, expect, it } from 'vitest';
import { configureOfflineSpellcheck, spellcheckWithoutDownload } from './spellcheck';

function recordingSession() {
  const calls: string[] = [];
  return {
    calls,
    setSpellCheckerEnabled: (enable: boolean) => void calls.push(`enabled ${enable}`),
    setSpellCheckerDictionaryDownloadURL: (url: string) => void calls.push(`download ${url}`),
  };
}

describe('configureOfflineSpellcheck', () => {
  it.each([
    ['darwin', true],
    ['linux', false],
    ['win32', false],
    ['freebsd', false],
  ] as const)('on %s the spellchecker is on: %s, and its dictionaries come from the local folder', (platform, enabled) => {
    const session = recordingSession();
    configureOfflineSpellcheck(session, platform, '/home/analyst/.config/Briefing Desk');
    expect(spellcheckWithoutDownload(platform)).toBe(enabled);
    expect(session.calls).toEqual(['download file:///home/analyst/.config/Briefing%20Desk/Dictionaries/', `enabled ${enabled}`]);
    // Nothing but a file: address: no CDN, no host at all.
    expect(session.calls.join(' ')).not.toMatch(/https?:/);
  });
});

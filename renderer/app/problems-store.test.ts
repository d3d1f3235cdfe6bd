import { describe, expect, it } from 'vitest';
import { describeProblem } from './problems-store';

describe('problems banner text', () => {
  it('names the note and where the damaged file was kept', () => {
    const text = describeProblem({
      file: 'notes/n-1.json',
      noteId: 'n-20260101-abcdef',
      title: 'Rare earths brief',
      quarantinedAs: 'notes/n-1.corrupt-20260101T000000Z.json',
      restoredFromBackup: true,
      at: '2026-01-01T00:00:00.000Z',
      message: 'Unexpected end of JSON input',
    });
    expect(text).toBe('“Rare earths brief” could not be read and was restored from its backup; the damaged file was kept as notes/n-1.corrupt-20260101T000000Z.json.');
  });

  it('falls back to the file name when no note could be recovered', () => {
    const text = describeProblem({ file: 'settings.json', noteId: null, title: null, quarantinedAs: 'settings.corrupt-1.json', restoredFromBackup: false, at: '', message: '' });
    expect(text).toContain('The file settings.json could not be read and no backup was available');
  });

  it('gives the library\'s own report: restored, rebuilt, or what was lost', () => {
    const message =
      'The library manifest library/manifest.json could not be read: it is not valid JSON. It was moved to library/manifest.corrupt-1.json. The library was rebuilt from 2 data files: 1 dataset, 3 events, 1 source.';
    const text = describeProblem({ file: 'library/manifest.json', noteId: null, title: null, quarantinedAs: 'library/manifest.corrupt-1.json', restoredFromBackup: false, at: '', message });
    expect(text).toBe(message);
  });
});

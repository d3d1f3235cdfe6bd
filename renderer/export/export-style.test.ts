import { describe, expect, it } from 'vitest';
import { exportStyleLabel } from './export-style';

const styles = [
  { id: 'numeric', name: 'Numeric [1] (Vancouver)' },
  { id: 'apa', name: 'APA 7th edition' },
  { id: 'analyst', name: 'Analyst (numeric with Admiralty grade)' },
];

describe('exportStyleLabel', () => {
  it.each([
    { noteStyle: 'analyst', workspace: 'apa', expected: { id: 'analyst', name: 'Analyst (numeric with Admiralty grade)', origin: 'note' } },
    { noteStyle: null, workspace: 'apa', expected: { id: 'apa', name: 'APA 7th edition', origin: 'workspace' } },
    { noteStyle: 'deleted-style', workspace: 'apa', expected: { id: 'numeric', name: 'Numeric [1] (Vancouver)', origin: 'fallback' } },
    { noteStyle: null, workspace: 'gone', expected: { id: 'numeric', name: 'Numeric [1] (Vancouver)', origin: 'fallback' } },
  ])('note $noteStyle, workspace $workspace → $expected.id ($expected.origin)', ({ noteStyle, workspace, expected }) => {
    expect(exportStyleLabel(noteStyle, workspace, styles)).toEqual(expected);
  });
});

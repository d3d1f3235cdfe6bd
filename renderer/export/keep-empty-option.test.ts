import { describe, expect, it } from 'vitest';
import type { SourcingIssue } from '../../core/citations/sourcing-check';
import { emptySectionNames, keepEmptyHint } from './keep-empty-option';

const section = (heading: string): SourcingIssue => ({ kind: 'empty-section', message: '', pos: 1, heading });

describe('keep empty sections hint', () => {
  it.each<[string, string[], string]>([
    ['one', ['Objectives'], '“Objectives”'],
    ['two', ['Objectives', 'Background'], '“Objectives” and “Background”'],
    ['an untitled one', ['Objectives', ''], '“Objectives” and an untitled section'],
    ['four', ['A', 'B', 'C', 'D'], '“A”, “B”, “C” and “D”'],
    ['six: four named and the count of the rest', ['A', 'B', 'C', 'D', 'E', 'F'], '“A”, “B”, “C”, “D” and 2 more'],
  ])('names %s', (_case, headings, expected) => {
    expect(emptySectionNames(headings.map(section))).toBe(expected);
  });

  it.each<[boolean, string[], string]>([
    [false, ['Objectives'], '“Objectives” has nothing in it yet and is left out.'],
    [false, ['Objectives', 'Background'], '“Objectives” and “Background” have nothing in them yet and are left out.'],
    [false, [], 'Empty bullets and tables with only a header row are left out.'],
    [true, ['Objectives'], 'Every heading is exported, even with nothing under it yet.'],
  ])('keepEmpty %s with %j', (keepEmpty, headings, expected) => {
    expect(keepEmptyHint(keepEmpty, headings.map(section))).toBe(expected);
  });
});

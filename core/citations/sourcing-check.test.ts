import { describe, expect, it } from 'vitest';
import type { Grade } from '../domain/library';
import type { DocNode } from '../domain/note';
import { noteSchema } from '../editor/schema';
import { EXPORT_BLOCKING_KINDS, type SourcingContext, type SourcingIssue, checkSourcing, sourcingSeverity } from './sourcing-check';

const text = (value: string, eventId?: string, datasetVersion = 1): DocNode =>
  eventId
    ? { type: 'text', text: value, marks: [{ type: 'provenance', attrs: { eventId, datasetId: 'ds-sample', datasetVersion, insertedAt: '2025-06-11T08:00:00.000Z' } }] }
    : { type: 'text', text: value };
const cite = (...sourceIds: string[]): DocNode => ({ type: 'citation', attrs: { sourceIds, locator: null, snapshots: {} } });
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
const h2 = (title: string): DocNode => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: title }] });
const doc = (...content: DocNode[]) => noteSchema().nodeFromJSON({ type: 'doc', content: [...content, h2('Sources'), { type: 'sourcesSection' }] });

const grade = (reliability: Grade['reliability'], credibility: Grade['credibility']): Grade => ({ reliability, credibility });
const GOOD_A = 'src-gooda';
const GOOD_B = 'src-goodb';
const WEAK_E = 'src-weake';
const WEAK_6 = 'src-weak6';
const DELETED = 'src-deleted';
const RED = 'src-tlpred';
const OFFICIAL = 'src-official';

const context = (overrides: Partial<SourcingContext> = {}): SourcingContext => ({
  sources: new Map([
    [GOOD_A, { grade: grade('A', '1') }],
    [GOOD_B, { grade: grade('B', '2'), marking: 'TLP:GREEN' }],
    [WEAK_E, { grade: grade('E', '2') }],
    [WEAK_6, { grade: grade('B', '6') }],
    [DELETED, null],
    [RED, { grade: grade('B', '2'), marking: 'tlp:red' }],
    [OFFICIAL, { grade: grade('B', '2'), marking: 'OFFICIAL-SENSITIVE' }],
  ]),
  events: new Map([
    ['ev-current', { status: 'current', datasetVersion: 1, removedUpstream: false }],
    ['ev-deleted', { status: 'deleted', datasetVersion: 1, removedUpstream: false }],
    ['ev-upstream', { status: 'current', datasetVersion: 1, removedUpstream: true }],
    ['ev-changed', { status: 'current', datasetVersion: 3, removedUpstream: false }],
  ]),
  noteMarking: 'TLP:AMBER',
  ...overrides,
});

/** The problems found (empty sections are information, checked on their own below). */
const summary = (issues: SourcingIssue[]) => issues.filter((issue) => issue.kind !== 'empty-section').map((issue) => [issue.kind, issue.message.split(';')[0]]);

describe('checkSourcing', () => {
  const cases: { name: string; content: DocNode[]; ctx?: Partial<SourcingContext>; expected: [SourcingIssue['kind'], string][] }[] = [
    {
      name: 'a well-sourced note has no findings',
      content: [h2('BLUF'), p(text('Talks resume. '), cite(GOOD_A, GOOD_B)), h2('Situation'), p(text('Uncited facts outside judged sections are fine.'))],
      expected: [],
    },
    {
      name: 'uncited paragraphs in BLUF, key judgements and assessment',
      content: [
        h2('BLUF'),
        p(text('No citation here.')),
        { type: 'paragraph', attrs: { guidance: 'Empty guidance paragraphs do not count.' } },
        h2('Key Judgements'),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('A judgment in a list.'))] }] },
        h2('Assessment'),
        p(text('Assessed without evidence.')),
        h2('Outlook'),
        p(text('Outlook needs no citation.')),
      ],
      expected: [
        ['uncited-paragraph', 'This BLUF paragraph has no citation'],
        ['uncited-paragraph', 'This key judgment has no citation'],
        ['uncited-paragraph', 'This assessment paragraph has no citation'],
      ],
    },
    {
      name: 'a judgment on a single source, and one only on E/F or 5/6 sources',
      content: [h2('Key judgments'), p(text('One source. '), cite(GOOD_A), text(' again '), cite(GOOD_A)), p(text('Weak. '), cite(WEAK_E, WEAK_6))],
      expected: [
        ['single-source', 'This key judgment rests on a single source'],
        ['weak-sources', 'This key judgment rests only on sources graded E/F or 5/6 (unreliable or improbable)'],
      ],
    },
    {
      name: 'a weak source next to a good one is fine',
      content: [h2('Assessment'), p(text('Mixed. '), cite(WEAK_E, GOOD_A))],
      expected: [],
    },
    {
      name: 'stale facts: deleted, removed upstream, changed since insertion; current ones are fine',
      content: [
        h2('Situation'),
        p(text('Deleted fact.', 'ev-deleted'), text(' '), cite(GOOD_A)),
        p(text('Gone upstream.', 'ev-upstream'), text(' '), cite(GOOD_A)),
        p(text('Changed ', 'ev-changed', 1), { type: 'text', text: 'bold', marks: [{ type: 'bold' }, { type: 'provenance', attrs: { eventId: 'ev-changed', datasetId: null, datasetVersion: 1, insertedAt: null } }] }),
        p(text('Current.', 'ev-current'), text(' written after the change', 'ev-changed', 3)),
        p(text('Unknown event.', 'ev-unknown')),
      ],
      expected: [
        ['stale-fact', 'The event behind this fact was deleted from the library'],
        ['stale-fact', 'The event behind this fact is no longer in the latest import of its dataset'],
        ['stale-fact', 'The event behind this fact changed in a later import (dataset version 3'],
      ],
    },
    {
      name: 'broken citations: deleted or unknown sources, or none named',
      content: [h2('Situation'), p(text('x '), cite(DELETED)), p(text('y '), cite(GOOD_A, 'src-unknown', DELETED)), p(text('z '), cite())],
      expected: [
        ['broken-citation', 'This citation points to a source that is no longer in the library (src-deleted)'],
        ['broken-citation', 'This citation points to sources that are no longer in the library (src-unknown, src-deleted)'],
        ['broken-citation', 'This citation names no source'],
      ],
    },
    {
      name: 'a BLUF resting on a broken citation only counts as uncited evidence, not as single-source',
      content: [h2('BLUF'), p(text('x '), cite(DELETED))],
      expected: [['broken-citation', 'This citation points to a source that is no longer in the library (src-deleted)']],
    },
    {
      name: 'a TLP:RED source under a TLP:AMBER note',
      content: [h2('Situation'), p(text('a '), cite(GOOD_B)), p(text('b '), cite(RED))],
      expected: [['marking-below-sources', "A cited source is marked TLP:RED, more restrictive than this note's TLP:AMBER"]],
    },
    {
      name: 'less restrictive TLP sources are fine',
      content: [h2('Situation'), p(text('a '), cite(GOOD_B))],
      expected: [],
    },
    {
      name: 'free classification lines are compared for equality',
      content: [h2('Situation'), p(text('a '), cite(OFFICIAL))],
      expected: [['marking-below-sources', 'A cited source is marked OFFICIAL-SENSITIVE and this note is marked TLP:AMBER']],
    },
    {
      name: 'an equal free classification line is fine',
      content: [h2('Situation'), p(text('a '), cite(OFFICIAL))],
      ctx: { noteMarking: 'official-sensitive ' },
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ content, ctx, expected }) => {
    expect(summary(checkSourcing(doc(...content), context(ctx)))).toEqual(expected);
  });

  it('a TLP source under a note with a free classification line is reported for a check', () => {
    const issues = checkSourcing(doc(h2('Situation'), p(text('b '), cite(RED))), context({ noteMarking: 'RESTRICTED' }));
    expect(summary(issues)).toEqual([['marking-below-sources', 'A cited source is marked TLP:RED and this note is marked RESTRICTED']]);
  });

  it('positions jump to the paragraph, the fact and the citation', () => {
    const node = doc(h2('BLUF'), p(text('Uncited.')), h2('Situation'), p(text('Old fact.', 'ev-deleted'), text(' '), cite(DELETED)));
    const issues = checkSourcing(node, context());
    expect(issues.map((issue) => issue.kind)).toEqual(['uncited-paragraph', 'stale-fact', 'broken-citation']);
    const [uncited, stale, broken] = issues;
    expect(node.nodeAt(uncited?.pos ?? -1)?.type.name).toBe('paragraph');
    expect(node.nodeAt(stale?.pos ?? -1)?.text).toBe('Old fact.');
    expect(node.nodeAt(broken?.pos ?? -1)?.type.name).toBe('citation');
  });
});

describe('empty sections (information)', () => {
  const guide = (hint: string): DocNode => ({ type: 'paragraph', attrs: { guidance: hint } });
  const h3 = (title: string): DocNode => ({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: title }] });
  const bullet = (...items: DocNode[]): DocNode => ({ type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [item] })) });
  const infos = (issues: SourcingIssue[]) => issues.filter((issue) => issue.kind === 'empty-section').map((issue) => issue.message);

  it.each<[string, DocNode[], string[]]>([
    ['a filled note that cites has none', [h2('BLUF'), p(text('Talks resume. '), cite(GOOD_A, GOOD_B))], []],
    [
      'names each section with only guidance, an empty bullet or nothing',
      [h2('Objectives'), guide('Primary objective'), h2('Supporting points'), bullet(guide('Supporting point…')), h2('Background'), p(text('Filled. '), cite(GOOD_A)), h2('Annex')],
      [
        '“Objectives” has nothing in it yet; it will be left out of the export.',
        '“Supporting points” has nothing in it yet; it will be left out of the export.',
        '“Annex” has nothing in it yet; it will be left out of the export.',
      ],
    ],
    ['a parent whose subsections are all empty is one finding', [h2('Items'), h3('First'), guide('g'), h3('Second'), guide('g'), h2('Outlook'), p(text('x '), cite(GOOD_A))], ['“Items” has nothing in it yet; it will be left out of the export.']],
    ['an empty subsection of a filled section is named', [h2('Items'), h3('First'), p(text('x '), cite(GOOD_A)), h3('Second'), guide('g')], ['“Second” has nothing in it yet; it will be left out of the export.']],
    ['the Sources section of a note that cites nothing', [h2('Situation'), p(text('Uncited.'))], ['“Sources” has nothing in it yet; it will be left out of the export.']],
  ])('%s', (_name, content, expected) => {
    expect(infos(checkSourcing(doc(...content), context()))).toEqual(expected);
  });

  it('points at the heading, is information and never blocks an export', () => {
    const node = doc(h2('Situation'), p(text('x '), cite(GOOD_A)), h2('Talking points'), bullet(guide('Supporting point…')));
    const issues = checkSourcing(node, context()).filter((issue) => issue.kind === 'empty-section');
    expect(issues).toHaveLength(1);
    const heading = node.nodeAt(issues[0]?.pos ?? -1);
    expect(heading?.type.name).toBe('heading');
    expect(heading?.textContent).toBe('Talking points');
    expect(issues[0]?.heading).toBe('Talking points');
    expect(sourcingSeverity('empty-section')).toBe('info');
    expect(EXPORT_BLOCKING_KINDS.has('empty-section')).toBe(false);
    expect(sourcingSeverity('broken-citation')).toBe('blocking');
    expect(sourcingSeverity('uncited-paragraph')).toBe('advice');
  });
});

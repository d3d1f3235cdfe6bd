import { describe, expect, it } from 'vitest';
import { TextIndex, queryTerms } from './text-index';
import { topK } from './top-k';

function indexOf(...docs: string[]): TextIndex {
  const index = new TextIndex([{ name: 'text', boost: 1 }]);
  for (const doc of docs) index.add([doc]);
  return index;
}

describe('TextIndex', () => {
  const index = indexOf('Protesters gathered in Kyiv', 'Police arrested protesters in Lviv', 'Talks in Geneva on tariffs', 'Évaluation des tarifs');

  it('needs every term (AND) and ranks the slots that have them', () => {
    expect(index.match(queryTerms('protesters kyiv')).slots).toEqual([0]);
    expect(index.match(queryTerms('protesters')).slots.sort()).toEqual([0, 1]);
    expect(index.match(queryTerms('protesters geneva')).slots).toEqual([]);
  });

  it('matches prefixes, typos (20 %) and folds accents', () => {
    expect(index.match(queryTerms('prot')).slots.sort()).toEqual([0, 1]);
    expect(index.match(queryTerms('tarifs')).slots.sort()).toEqual([2, 3]);
    expect(index.match(queryTerms('genva')).slots).toEqual([2]);
    expect(index.match(queryTerms('evaluation')).slots).toEqual([3]);
  });

  it('forgets removed slots and restricts to a given set', () => {
    const local = indexOf('a protest', 'another protest', 'third protest');
    local.remove(1);
    expect(local.match(['protest']).slots.sort()).toEqual([0, 2]);
    expect(local.match(['protest'], [2]).slots).toEqual([2]);
    expect(local.count).toBe(2);
  });
});

describe('topK', () => {
  it('returns the best k in order, with and without the heap', () => {
    const items = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    expect(topK(items, 3, (x) => x)).toEqual([999, 998, 997]);
    expect(topK(items, 900, (x) => -x).slice(0, 2)).toEqual([0, 1]);
    expect(topK([], 5, (x) => x)).toEqual([]);
  });
});

describe('TextIndex.matchSorted', () => {
  it('answers each query in full, ascending, whatever the scratch arrays held before', () => {
    const index = new TextIndex([{ name: 'text', boost: 1 }]);
    const docs = Array.from({ length: 2000 }, (_, i) => `${['protest', 'protests', 'protester', 'police', 'policy'][i % 5]} ${i % 3 ? 'kyiv' : 'lviv'} ${i % 7 ? '' : 'geneva'}`);
    for (const doc of docs) index.add([doc]);
    index.remove(10);
    const expected = (predicate: (doc: string) => boolean): number[] => docs.flatMap((doc, slot) => (slot !== 10 && predicate(doc) ? [slot] : []));
    const slots = (terms: string[]): number[] => {
      const found = index.matchSorted(terms);
      return Array.from(found.slots.subarray(0, found.length));
    };
    for (let pass = 0; pass < 2; pass += 1) {
      // "prot": three words by prefix (merged lists); "polic": two; "geneva lviv": an intersection.
      expect(slots(['prot'])).toEqual(expected((doc) => doc.startsWith('prot')));
      expect(slots(['polic', 'kyiv'])).toEqual(expected((doc) => doc.startsWith('polic') && doc.includes('kyiv')));
      expect(slots(['geneva', 'lviv'])).toEqual(expected((doc) => doc.includes('geneva') && doc.includes('lviv')));
      expect(slots(['kyiv'])).toEqual(expected((doc) => doc.includes('kyiv')));
      expect(slots(['nowhere', 'kyiv'])).toEqual([]);
    }
  });
});

describe('TextIndex.matchSorted scores', () => {
  it('scores an intersection as the sum of its terms’ own scores, merging or galloping', () => {
    const index = new TextIndex([
      { name: 'text', boost: 1 },
      { name: 'actors', boost: 2 },
    ]);
    // "alpha" everywhere, "beta" in a third (a merge of similar lengths), "gamma" in 1 % (galloping).
    for (let i = 0; i < 3000; i += 1) index.add([`alpha ${i % 3 ? '' : 'beta'} ${i % 100 ? '' : 'gamma'}`, i % 2 ? 'alpha' : 'beta']);
    const scoresOf = (terms: string[]): Map<number, number> => {
      const found = index.matchSorted(terms);
      const map = new Map<number, number>();
      for (let i = 0; i < found.length; i += 1) map.set(found.slots[i]!, found.scores[i]!);
      return map;
    };
    for (const [a, b] of [
      ['alpha', 'beta'],
      ['alpha', 'gamma'],
      ['beta', 'gamma'],
    ] as const) {
      const alone = [scoresOf([a]), scoresOf([b])];
      const both = scoresOf([a, b]);
      expect(both.size).toBe([...alone[0]!.keys()].filter((slot) => alone[1]!.has(slot)).length);
      for (const [slot, score] of both) expect(score).toBe(alone[0]!.get(slot)! + alone[1]!.get(slot)!);
    }
  });
});

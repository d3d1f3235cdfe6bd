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

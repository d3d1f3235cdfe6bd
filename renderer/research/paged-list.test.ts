import { describe, expect, it } from 'vitest';
import type { Result } from '../../core/index';
import { createStore } from '../app/store';
import { createPagedList, emptyPagedList, type PageAnswer, type PagedListFields } from './paged-list';

interface Row {
  id: string;
  grade: string;
}
interface State extends PagedListFields<Row> {
  query: string;
  note: string | null;
}

/** A backend over `count` rows whose answers the test releases one by one. */
function harness(count: number) {
  const store = createStore<State>({ ...emptyPagedList<Row>(), query: 'a', note: null });
  const asked: { query: string; offset: number; first: boolean }[] = [];
  const pending: (() => void)[] = [];
  const list = createPagedList<Row, string, State>(store, {
    pageSize: 10,
    debounceMs: 0,
    query: () => store.getState().query,
    fetch(query, { offset, limit, first }) {
      asked.push({ query, offset, first });
      const rows = Array.from({ length: Math.max(0, Math.min(limit, count - offset)) }, (_, index) => ({ id: `${query}-${offset + index}`, grade: 'B2' }));
      return new Promise<Result<PageAnswer<Row, State>>>((resolve) => pending.push(() => resolve({ ok: true, value: { total: count, rows, extra: first ? { note: `first of ${query}` } : undefined } })));
    },
  });
  const releaseAll = async (): Promise<void> => {
    while (pending.length) {
      pending.shift()!();
      for (let index = 0; index < 5; index++) await Promise.resolve();
    }
  };
  return { store, list, asked, pending, releaseAll };
}

describe('the paged list of the Events and Sources tabs', () => {
  it('starts with the first page and its extras, in one change', async () => {
    const h = harness(95);
    let changes = 0;
    h.store.subscribe(() => changes++);
    h.list.start();
    h.list.start();
    await h.releaseAll();
    expect(h.asked).toEqual([{ query: 'a', offset: 0, first: true }]);
    expect(h.store.getState()).toMatchObject({ total: 95, loading: false, note: 'first of a', resultsTick: 1 });
    expect(changes).toBe(2);
    expect(h.list.rowAt(9)?.id).toBe('a-9');
    expect(h.list.rowAt(10)).toBeUndefined();
  });

  it('fetches two pages at a time, for the rows on screen last, and each page once', async () => {
    const h = harness(1000);
    h.list.start();
    await h.releaseAll();
    h.list.ensureRows(100, 125);
    h.list.ensureRows(500, 505);
    expect(h.asked.slice(1).map((ask) => ask.offset)).toEqual([100, 110]);
    await h.releaseAll();
    expect(h.asked.slice(1).map((ask) => ask.offset)).toEqual([100, 110, 500]);
    h.list.ensureRows(500, 505);
    expect(h.asked).toHaveLength(4);
    expect(h.list.rowAt(503)?.id).toBe('a-503');
  });

  it('drops pages of a result set no longer shown', async () => {
    const h = harness(1000);
    h.list.start();
    await h.releaseAll();
    h.list.ensureRows(200, 205);
    h.store.setState({ query: 'b' });
    h.list.searchSoon(false);
    // The page of "a" answers after "b" was asked for, then "b" answers.
    await h.releaseAll();
    expect(h.list.rowAt(200)).toBeUndefined();
    expect(h.list.rowAt(0)?.id).toBe('b-0');
  });

  it('keeps the selection on a refresh, clamps it, and changes loaded rows in place', async () => {
    const h = harness(30);
    h.list.start();
    await h.releaseAll();
    h.list.select(99);
    expect(h.store.getState().selectedIndex).toBe(29);
    h.list.moveSelection(-40);
    expect(h.store.getState().selectedIndex).toBe(0);
    h.list.moveSelection(3);
    const refreshing = h.list.search(true);
    await h.releaseAll();
    await refreshing;
    expect(h.store.getState()).toMatchObject({ selectedIndex: 3, resultsTick: 1 });
    h.list.mapRows((row) => (row.id === 'a-3' ? { ...row, grade: 'A1' } : row));
    expect(h.list.rowAt(3)?.grade).toBe('A1');
    expect(h.list.rowAt(4)?.grade).toBe('B2');
  });
});

import { describe, expect, it } from 'vitest';
import type { Result } from '../../core/index';
import { createStore } from '../app/store';
import { createDeleteStore, type CitingNotes } from './delete-store';
import type { SidebarDialog } from './research-stores';

const tick = async (): Promise<void> => {
  for (let index = 0; index < 5; index++) await Promise.resolve();
};

function harness(options: { citing?: Result<CitingNotes>; deleted?: Result<{ id: string }> } = {}) {
  const sidebarState = createStore<{ dialog: SidebarDialog | null }>({ dialog: null });
  const log: string[] = [];
  const answers: (() => void)[] = [];
  const store = createDeleteStore({
    sidebar: {
      getState: sidebarState.getState,
      subscribe: sidebarState.subscribe,
      closeDialog: () => sidebarState.setState({ dialog: null }),
      citingNotes: (id) => {
        log.push(`citing ${id}`);
        return new Promise((resolve) => answers.push(() => resolve(options.citing ?? { ok: true, value: [] })));
      },
    },
    events: {
      deleteEvent: async (id) => (log.push(`delete event ${id}`), options.deleted ?? { ok: true, value: { id } }),
      closeDetail: () => log.push('close detail'),
    },
    sources: {
      deleteSource: async (id) => (log.push(`delete source ${id}`), options.deleted ?? { ok: true, value: { id } }),
      closeReader: () => log.push('close reader'),
    },
    refreshAll: async () => {
      log.push('refresh');
    },
    notify: (message) => log.push(`notify ${message}`),
  });
  return { store, log, open: (dialog: SidebarDialog | null) => sidebarState.setState({ dialog }), dialog: () => sidebarState.getState().dialog, answerCiting: (index = answers.length - 1) => answers[index]!() };
}

describe('the delete dialog store', () => {
  it('asks which notes cite the record when the dialog opens, then deletes, closes, confirms and refreshes', async () => {
    const citing: CitingNotes = [{ noteId: 'n-1', title: 'Brief' }] as CitingNotes;
    const h = harness({ citing: { ok: true, value: citing } });
    h.open({ kind: 'delete', target: 'event', id: 'ev-1', label: 'Talks' });
    expect(h.store.getState().citing).toBeNull();
    h.answerCiting();
    await tick();
    expect(h.store.getState().citing).toEqual(citing);
    expect(await h.store.confirm()).toBe(true);
    expect(h.log).toEqual(['citing ev-1', 'delete event ev-1', 'close detail', 'notify Event deleted.', 'refresh']);
    expect(h.dialog()).toBeNull();
  });

  it('keeps the dialog open with the reason when the delete fails', async () => {
    const h = harness({ deleted: { ok: false, error: { code: 'io', message: 'disk full' } } });
    h.open({ kind: 'delete', target: 'source', id: 'src-1', label: 'Report' });
    h.answerCiting();
    await tick();
    expect(await h.store.confirm()).toBe(false);
    expect(h.store.getState()).toMatchObject({ busy: false, error: { message: 'disk full' } });
    expect(h.dialog()).not.toBeNull();
    expect(h.log).not.toContain('close reader');
  });

  it('drops the citing answer of a dialog closed meanwhile, and starts clean for the next one', async () => {
    const h = harness({ citing: { ok: false, error: { code: 'io', message: 'late' } } });
    h.open({ kind: 'delete', target: 'event', id: 'ev-1', label: 'Talks' });
    h.open(null);
    h.open({ kind: 'delete', target: 'event', id: 'ev-2', label: 'Other' });
    h.answerCiting(0);
    await tick();
    expect(h.store.getState()).toEqual({ citing: null, error: null, busy: false });
    expect(h.log).toEqual(['citing ev-1', 'citing ev-2']);
  });

  it('does nothing without a delete dialog', async () => {
    const h = harness();
    h.open({ kind: 'event-form', event: null });
    expect(await h.store.confirm()).toBe(false);
    expect(h.log).toEqual([]);
  });
});

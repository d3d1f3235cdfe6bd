import { describe, expect, it } from 'vitest';
import type { EventDraft, LibraryEvent, Result, Source, SourceDraft } from '../../core/index';
import { createStore } from '../app/store';
import { createRecordFormStore, eventDraftFrom, eventFormFields, sourceDraftFrom, sourceFormFields } from './record-form-store';
import type { SidebarDialog } from './research-stores';

const event = {
  id: 'ev-1',
  date: { date: '2025-06-09', precision: 'day' },
  summary: 'Talks in London',
  type: { label: 'Negotiate', code: '046', taxonomy: 'cameo', subType: null },
  actors: [{ name: 'China', role: 'actor1', countryCode: 'CHN' }],
  location: { name: 'London', country: 'United Kingdom', admin1: 'England', latitude: 51.5, longitude: -0.12 },
} as unknown as LibraryEvent;

describe('eventDraftFrom', () => {
  const fields = eventFormFields(null);
  it.each([
    ['a bad date', { ...fields, date: '9 June', summary: 'x' }, 'Give the date as YYYY-MM-DD (YYYY-MM for a month, YYYY for a year).'],
    ['no summary', { ...fields, date: '2025-06-09', summary: '  ' }, 'An event needs a summary.'],
  ])('refuses %s with the reason', (_name, input, message) => {
    expect(eventDraftFrom(input, null)).toEqual({ ok: false, message });
  });

  it('normalizes the date to its precision and trims', () => {
    const result = eventDraftFrom({ ...fields, date: '2025-6', precision: 'month', summary: ' Talks ', actors: 'A, , B', type: ' Meet ' }, null);
    expect(result).toEqual({
      ok: true,
      draft: {
        date: { date: '2025-06-01', precision: 'month' },
        summary: 'Talks',
        type: { label: 'Meet', code: null, taxonomy: 'custom', subType: null },
        actors: [{ name: 'A', role: 'other', countryCode: null }, { name: 'B', role: 'other', countryCode: null }],
        location: null,
      },
    });
  });

  it('an edit keeps what the form does not show: type code, actor roles, region and coordinates', () => {
    const result = eventDraftFrom({ ...eventFormFields(event), actors: 'China, Japan' }, event);
    expect(result.ok && result.draft).toMatchObject({
      type: { label: 'Negotiate', code: '046', taxonomy: 'cameo' },
      actors: [{ name: 'China', role: 'actor1', countryCode: 'CHN' }, { name: 'Japan', role: 'other', countryCode: null }],
      location: { name: 'London', country: 'United Kingdom', admin1: 'England', latitude: 51.5, longitude: -0.12 },
    });
  });
});

describe('sourceDraftFrom', () => {
  const fields = sourceFormFields(null);
  it.each([
    ['no title', { ...fields, title: ' ' }, 'A source needs a title.'],
    ['a bad date', { ...fields, title: 'T', published: 'June' }, 'Give the date as YYYY-MM-DD.'],
    ['a non-web URL', { ...fields, title: 'T', url: 'javascript:alert(1)' }, 'The URL must start with http:// or https://.'],
  ])('refuses %s with the reason', (_name, input, message) => {
    expect(sourceDraftFrom(input)).toEqual({ ok: false, message });
  });

  it('builds the draft: authors split, empty date and URL as null', () => {
    expect(sourceDraftFrom({ ...fields, title: ' Report ', authors: 'Ann, Bo', text: 'body' })).toEqual({
      ok: true,
      draft: { title: 'Report', publisher: '', authors: ['Ann', 'Bo'], published: null, url: null, text: 'body', grade: { reliability: null, credibility: null } },
    });
  });
});

function harness(answer: (draft: EventDraft | SourceDraft) => Result<unknown> = () => ({ ok: true, value: {} })) {
  const sidebarState = createStore<{ dialog: SidebarDialog | null }>({ dialog: null });
  const calls: string[] = [];
  const notes: string[] = [];
  let refreshed = 0;
  let release: () => void = () => undefined;
  let hold = false;
  const reply = async <T,>(name: string, draft: EventDraft | SourceDraft): Promise<Result<T>> => {
    calls.push(name);
    if (hold) await new Promise<void>((resolve) => (release = resolve));
    return answer(draft) as Result<T>;
  };
  const forms = createRecordFormStore({
    sidebar: { getState: sidebarState.getState, subscribe: sidebarState.subscribe, closeDialog: () => sidebarState.setState({ dialog: null }) },
    events: { createEvent: (draft) => reply<LibraryEvent>('create-event', draft), updateEvent: (id, draft) => reply<LibraryEvent>(`update-event ${id}`, draft) },
    sources: { createSource: (draft) => reply<Source>('create-source', draft), updateSource: (id, draft) => reply<Source>(`update-source ${id}`, draft) },
    refreshAll: async () => {
      refreshed++;
    },
    notify: (message) => notes.push(message),
  });
  return {
    forms,
    open: (dialog: SidebarDialog | null) => sidebarState.setState({ dialog }),
    dialog: () => sidebarState.getState().dialog,
    calls,
    notes,
    refreshed: () => refreshed,
    holdNext: () => {
      hold = true;
    },
    release: () => release(),
  };
}

describe('the record form store', () => {
  it('fills a fresh draft each time the sidebar opens a form, and drops it when the dialog closes', () => {
    const h = harness();
    expect(h.forms.getState().form).toBeNull();
    h.open({ kind: 'event-form', event });
    expect(h.forms.getState().form).toMatchObject({ kind: 'event', fields: { date: '2025-06-09', summary: 'Talks in London', actors: 'China', place: 'London' } });
    h.forms.editEvent({ summary: 'Changed' });
    h.open(null);
    expect(h.forms.getState().form).toBeNull();
    h.open({ kind: 'event-form', event });
    expect(h.forms.getState().form).toMatchObject({ fields: { summary: 'Talks in London' } });
    h.forms.editSource({ title: 'ignored: not a source form' });
    expect(h.forms.getState().form?.kind).toBe('event');
  });

  it('shows why a draft cannot be saved and sends nothing', async () => {
    const h = harness();
    h.open({ kind: 'event-form', event: null });
    expect(await h.forms.save()).toBe(false);
    expect(h.forms.getState().error).toBe('Give the date as YYYY-MM-DD (YYYY-MM for a month, YYYY for a year).');
    expect(h.calls).toEqual([]);
    expect(h.dialog()).not.toBeNull();
  });

  it('saves an edit, closes the dialog, confirms and refreshes the lists', async () => {
    const h = harness();
    h.open({ kind: 'event-form', event });
    h.forms.editEvent({ summary: 'Talks resumed' });
    expect(await h.forms.save()).toBe(true);
    expect(h.calls).toEqual(['update-event ev-1']);
    expect(h.dialog()).toBeNull();
    expect(h.notes).toEqual(['Event saved.']);
    expect(h.refreshed()).toBe(1);
  });

  it('keeps the dialog open with the backend\'s reason when the save fails', async () => {
    const h = harness(() => ({ ok: false, error: { code: 'invalid_input', message: 'The title is too long.' } }));
    h.open({ kind: 'source-form', source: null });
    h.forms.editSource({ title: 'Report' });
    expect(await h.forms.save()).toBe(false);
    expect(h.calls).toEqual(['create-source']);
    expect(h.forms.getState()).toMatchObject({ busy: false, error: 'The title is too long.' });
    expect(h.dialog()).not.toBeNull();
    expect(h.notes).toEqual([]);
  });

  it('saves once while busy, and an answer for a dialog closed meanwhile neither closes nor confirms anything', async () => {
    const h = harness();
    h.open({ kind: 'source-form', source: null });
    h.forms.editSource({ title: 'Report' });
    h.holdNext();
    const first = h.forms.save();
    expect(await h.forms.save()).toBe(false);
    expect(h.forms.getState().busy).toBe(true);
    h.open(null);
    h.open({ kind: 'event-form', event: null });
    h.release();
    expect(await first).toBe(false);
    expect(h.calls).toEqual(['create-source']);
    expect(h.dialog()).toMatchObject({ kind: 'event-form' });
    expect(h.notes).toEqual([]);
  });
});

import type { ApiError, DatePrecision, EventDraft, Grade, LibraryEvent, Result, Source, SourceDraft } from '../../core/index';
import { createStore, type Store } from '../app/store';
import type { EventsStore } from './events-store';
import type { SidebarDialog } from './research-stores';
import { normalizeDate, type SourcesStore } from './sources-store';

/** The event form's fields as the analyst types them. */
export interface EventFormFields {
  date: string;
  precision: DatePrecision;
  summary: string;
  type: string;
  /** Comma-separated names. */
  actors: string;
  place: string;
  country: string;
}

/** The source form's fields as the analyst types them. */
export interface SourceFormFields {
  title: string;
  publisher: string;
  /** Comma-separated names. */
  authors: string;
  published: string;
  precision: DatePrecision;
  url: string;
  text: string;
  grade: Grade;
}

/** The form being filled in: a new record (null) or an edit of one. */
export type RecordForm =
  | { kind: 'event'; event: LibraryEvent | null; fields: EventFormFields }
  | { kind: 'source'; source: Source | null; fields: SourceFormFields };

/** State of the add/edit dialog of an event or a source. */
export interface RecordFormState {
  form: RecordForm | null;
  /** Why the last save did not happen, shown under the form. */
  error: string | null;
  busy: boolean;
}

/** The add/edit event and source dialogs' drafts: filled when the sidebar opens such a dialog. */
export interface RecordFormStore extends Pick<Store<RecordFormState>, 'getState' | 'subscribe'> {
  editEvent(patch: Partial<EventFormFields>): void;
  editSource(patch: Partial<SourceFormFields>): void;
  /** Checks and saves the draft; true when it was saved (the dialog is then closed). */
  save(): Promise<boolean>;
}

/** A draft the backend can take, or what the analyst must fix first. */
export type DraftCheck<D> = { ok: true; draft: D } | { ok: false; message: string };

/** YYYY, YYYY-MM or YYYY-MM-DD (months and days may have one digit). */
const PARTIAL_DATE = /^\d{4}(-\d{1,2}(-\d{1,2})?)?$/;

const splitNames = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** The fields of the event form for an event (null: a new one). */
export function eventFormFields(event: LibraryEvent | null): EventFormFields {
  return {
    date: event?.date.date ?? '',
    precision: event?.date.precision ?? 'day',
    summary: event?.summary ?? '',
    type: event?.type.label ?? '',
    actors: event?.actors.map((actor) => actor.name).join(', ') ?? '',
    place: event?.location?.name ?? '',
    country: event?.location?.country ?? '',
  };
}

/**
 * The event draft of the form. An edit keeps what the form does not show: the type's code and
 * taxonomy, actors' roles and countries (by name), the location's region and coordinates.
 */
export function eventDraftFrom(fields: EventFormFields, event: LibraryEvent | null): DraftCheck<EventDraft> {
  if (!PARTIAL_DATE.test(fields.date.trim())) return { ok: false, message: 'Give the date as YYYY-MM-DD (YYYY-MM for a month, YYYY for a year).' };
  if (!fields.summary.trim()) return { ok: false, message: 'An event needs a summary.' };
  const previousActors = new Map(event?.actors.map((actor) => [actor.name, actor]) ?? []);
  const type = fields.type.trim();
  const place = fields.place.trim();
  const country = fields.country.trim();
  return {
    ok: true,
    draft: {
      date: { date: normalizeDate(fields.date, fields.precision), precision: fields.precision },
      summary: fields.summary.trim(),
      type: type ? { label: type, code: event?.type.code ?? null, taxonomy: event?.type.taxonomy ?? 'custom', subType: event?.type.subType ?? null } : { label: '', code: null, taxonomy: null, subType: null },
      actors: splitNames(fields.actors).map((name) => previousActors.get(name) ?? { name, role: 'other', countryCode: null }),
      location: place || country ? { name: place, country: country || null, admin1: event?.location?.admin1 ?? null, latitude: event?.location?.latitude ?? null, longitude: event?.location?.longitude ?? null } : null,
    },
  };
}

/** The fields of the source form for a source (null: a new one). */
export function sourceFormFields(source: Source | null): SourceFormFields {
  return {
    title: source?.title ?? '',
    publisher: source?.publisher ?? '',
    authors: source?.authors.join(', ') ?? '',
    published: source?.published?.date ?? '',
    precision: source?.published?.precision ?? 'day',
    url: source?.url ?? '',
    text: source?.text ?? '',
    grade: source?.grade ?? { reliability: null, credibility: null },
  };
}

/** The source draft of the form. */
export function sourceDraftFrom(fields: SourceFormFields): DraftCheck<SourceDraft> {
  const published = fields.published.trim();
  const url = fields.url.trim();
  if (!fields.title.trim()) return { ok: false, message: 'A source needs a title.' };
  if (published && !PARTIAL_DATE.test(published)) return { ok: false, message: 'Give the date as YYYY-MM-DD.' };
  if (url && !/^https?:\/\/\S+$/i.test(url)) return { ok: false, message: 'The URL must start with http:// or https://.' };
  return {
    ok: true,
    draft: {
      title: fields.title.trim(),
      publisher: fields.publisher.trim(),
      authors: splitNames(fields.authors),
      published: published ? { date: normalizeDate(published, fields.precision), precision: fields.precision } : null,
      url: url || null,
      text: fields.text,
      grade: fields.grade,
    },
  };
}

/** What the form store uses of the other research stores. */
export interface RecordFormDeps {
  /** The sidebar's dialog: which form is open, and closing it. */
  sidebar: Pick<Store<{ dialog: SidebarDialog | null }>, 'getState' | 'subscribe'> & { closeDialog(): void };
  events: Pick<EventsStore, 'createEvent' | 'updateEvent'>;
  sources: Pick<SourcesStore, 'createSource' | 'updateSource'>;
  /** Refreshes every list after a save. */
  refreshAll(): Promise<void>;
  /** A confirmation for the analyst (a toast in the app). */
  notify(message: string): void;
}

/** Builds the form store; it follows the sidebar's dialog (a new form each time one opens). */
export function createRecordFormStore(deps: RecordFormDeps): RecordFormStore {
  const store = createStore<RecordFormState>({ form: null, error: null, busy: false });
  let shown: unknown = null;
  const follow = (): void => {
    const dialog = deps.sidebar.getState().dialog;
    if (dialog === shown) return;
    shown = dialog;
    if (dialog?.kind === 'event-form') store.setState({ form: { kind: 'event', event: dialog.event, fields: eventFormFields(dialog.event) }, error: null, busy: false });
    else if (dialog?.kind === 'source-form') store.setState({ form: { kind: 'source', source: dialog.source, fields: sourceFormFields(dialog.source) }, error: null, busy: false });
    else store.setState({ form: null, error: null, busy: false });
  };
  deps.sidebar.subscribe(follow);
  follow();

  const submit = async (form: RecordForm): Promise<Result<unknown> | string> => {
    if (form.kind === 'event') {
      const checked = eventDraftFrom(form.fields, form.event);
      if (!checked.ok) return checked.message;
      return form.event ? deps.events.updateEvent(form.event.id, checked.draft) : deps.events.createEvent(checked.draft);
    }
    const checked = sourceDraftFrom(form.fields);
    if (!checked.ok) return checked.message;
    return form.source ? deps.sources.updateSource(form.source.id, checked.draft) : deps.sources.createSource(checked.draft);
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    editEvent(patch) {
      const { form } = store.getState();
      if (form?.kind !== 'event') return;
      store.setState({ form: { ...form, fields: { ...form.fields, ...patch } } });
    },
    editSource(patch) {
      const { form } = store.getState();
      if (form?.kind !== 'source') return;
      store.setState({ form: { ...form, fields: { ...form.fields, ...patch } } });
    },
    async save() {
      const { form, busy } = store.getState();
      if (!form || busy) return false;
      const dialog = deps.sidebar.getState().dialog;
      store.setState({ busy: true, error: null });
      const outcome = await submit(form);
      // The dialog was closed (or another opened) while the request ran: its answer is not ours to show.
      if (deps.sidebar.getState().dialog !== dialog) return false;
      const error: ApiError | string | null = typeof outcome === 'string' ? outcome : outcome.ok ? null : outcome.error;
      if (error !== null) {
        store.setState({ busy: false, error: typeof error === 'string' ? error : error.message });
        return false;
      }
      const edited = form.kind === 'event' ? form.event : form.source;
      deps.sidebar.closeDialog();
      deps.notify(form.kind === 'event' ? (edited ? 'Event saved.' : 'Event added.') : edited ? 'Source saved.' : 'Source added.');
      void deps.refreshAll();
      return true;
    },
  };
}

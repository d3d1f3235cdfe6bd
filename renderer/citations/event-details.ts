import type { ApiClient, ApiError, LibraryEvent, Result, Source } from '../../core/index';
import { EVENTS_GET_MANY_MAX } from '../../core/index';
import type { EventWithSources } from './insert-facts';

/** What loading events for insertion needs: what the renderer already holds, and the client for the rest. */
export interface EventDetailsDeps {
  client: Pick<ApiClient, 'call'>;
  /** The event with its sources when the renderer holds it already (the Events tab's open detail), else undefined. */
  known(id: string): EventWithSources | undefined;
}

/**
 * The events `ids` with their sources, in that order. Events the renderer holds are used as they
 * are; the others come in one `events:get-many` (one per 500 ids), not one `events:get` each. An id
 * the library no longer has fails the whole load, so a chronology is never silently short.
 */
export async function loadEventDetails(ids: readonly string[], deps: EventDetailsDeps): Promise<Result<EventWithSources[]>> {
  const held = new Map<string, EventWithSources>();
  for (const id of ids) {
    const known = deps.known(id);
    if (known) held.set(id, known);
  }
  const wanted = [...new Set(ids.filter((id) => !held.has(id)))];
  const fetched = new Map<string, LibraryEvent>();
  const sources = new Map<string, Source>();
  const missing: string[] = [];
  for (let start = 0; start < wanted.length; start += EVENTS_GET_MANY_MAX) {
    const answer = await deps.client.call('events:get-many', { ids: wanted.slice(start, start + EVENTS_GET_MANY_MAX) });
    if (!answer.ok) return answer;
    for (const event of answer.value.events) fetched.set(event.id, event);
    for (const source of answer.value.sources) sources.set(source.id, source);
    missing.push(...answer.value.missing);
  }
  if (missing.length > 0) return { ok: false, error: missingError(missing.length, new Set(ids).size) };
  const details: EventWithSources[] = [];
  for (const id of ids) {
    const known = held.get(id);
    const event = fetched.get(id);
    if (known) details.push(known);
    else if (event) details.push({ event, sources: event.sourceIds.flatMap((sourceId) => sources.get(sourceId) ?? []) });
  }
  return { ok: true, value: details };
}

/** Why nothing was inserted: how many of the picked events the library no longer has. */
function missingError(missing: number, asked: number): ApiError {
  const which = asked === 1 ? 'The event is' : `${missing === asked ? 'All' : missing} of the ${asked} events ${missing === 1 ? 'is' : 'are'}`;
  return { code: 'not_found', message: `${which} no longer in the library (deleted, or removed with ${missing === 1 ? 'its' : 'their'} dataset), so nothing was inserted.` };
}

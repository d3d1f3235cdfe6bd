import type { Handlers } from '../../core/index';
import type { Services } from '../container';

/**
 * Every contract call mapped to the services. Typed against `Handlers`, so a call added to the
 * contract without a handler here fails type-checking. Inputs arrive parsed by the dispatcher.
 */
export function createHandlers(services: Services): Handlers {
  const { workspace, settings, templates, notes, revisions, library, imports, citationStyles, facts, exports } = services;
  return {
    'workspace:info': () => workspace.info(),
    'workspace:problems': async () => workspace.problems(),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),

    'templates:list': () => templates.list(),
    'templates:save-from-note': async ({ noteId, name, description }) => templates.saveFromNote(await notes.get(noteId), { name, description }),
    'templates:rename': ({ id, name }) => templates.rename(id, name),
    'templates:duplicate': ({ id, name }) => templates.duplicate(id, name),
    'templates:delete': ({ id }) => templates.delete(id),

    'notes:list': (filter) => notes.list(filter),
    'notes:get': ({ id }) => notes.get(id),
    'notes:create': (input) => notes.create(input),
    'notes:save': (input) => notes.save(input),
    'notes:resolve-conflict': (input) => notes.resolveConflict(input),
    'notes:snapshot': ({ id }) => notes.snapshot(id),
    'notes:duplicate': ({ id }) => notes.duplicate(id),
    'notes:trash': ({ id }) => notes.trash(id),
    'notes:restore': ({ id }) => notes.restore(id),
    'notes:delete': ({ id }) => notes.delete(id),
    'notes:empty-trash': () => notes.emptyTrash(),

    'revisions:list': ({ noteId }) => revisions.list(noteId),
    'revisions:get': ({ noteId, revisionId }) => revisions.get(noteId, revisionId),
    'revisions:restore': ({ noteId, revisionId }) => notes.restoreRevision(noteId, revisionId),

    'library:stats': () => library.stats(),
    'library:load-sample': (input) => imports.loadSample(input),
    'library:citing-notes': ({ id }) => library.citingNotes(id),
    'library:delete-dataset': ({ id }) => library.deleteDataset(id),
    'events:search': (query) => library.searchEvents(query),
    'events:get': ({ id }) => library.getEvent(id),
    'events:get-many': ({ ids }) => library.getEvents(ids),
    'events:create': (draft) => library.createEvent(draft),
    'events:update': ({ id, patch }) => library.updateEvent(id, patch),
    'events:delete': ({ id }) => library.deleteEvent(id),
    'sources:search': (input) => library.searchSources(input),
    'sources:get': ({ id }) => library.getSource(id),
    'sources:create': (draft) => library.createSource(draft),
    'sources:update': ({ id, patch }) => library.updateSource(id, patch),
    'sources:delete': ({ id }) => library.deleteSource(id),
    'sources:extract': ({ id }) => library.extract(id),
    'sources:accept-candidate': ({ sourceId, event }) => library.acceptCandidate(sourceId, event),
    'import:start': async (input) => imports.start(input),
    'import:status': async ({ jobId }) => imports.status(jobId),
    'import:cancel': async ({ jobId }) => imports.cancel(jobId),
    'import:list': async () => imports.list(),
    'citations:styles': () => citationStyles.list(),
    'citations:style-xml': ({ id }) => citationStyles.xml(id),
    'citations:add-style': ({ fileName, xml }) => citationStyles.add(fileName, xml),
    'citations:delete-style': ({ id }) => citationStyles.delete(id),
    'library:provenance': ({ eventIds, sourceIds }) => library.provenance(eventIds, sourceIds),
    'notes:insert-events': (input) => facts.insertEvents(input),
    'export:preview': ({ id, paper, keepEmpty }) => exports.preview(id, paper, keepEmpty),
    'export:start': ({ id, format, paper, keepEmpty }) => exports.start(id, format, paper, keepEmpty),
    'export:status': async ({ jobId }) => exports.status(jobId),
    'export:cancel': async ({ jobId }) => exports.cancel(jobId),
    'export:take': async ({ jobId }) => exports.take(jobId),
  };
}

import fc from 'fast-check';
import type { NoteMeta, NoteMetaPatch } from '../domain/note';

/**
 * fast-check generators of note metadata edits, shared by the property tests of the backend
 * (`notes:save` on a real workspace) and of the renderer's session store. Values are generated in
 * their stored (normal) form, so a test's model can compare them as sent.
 */

/** One value per metadata field. */
export const noteMetaValue = {
  title: fc.string({ maxLength: 40 }),
  author: fc.string({ maxLength: 30 }),
  date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  status: fc.constantFrom('draft' as const, 'in-review' as const, 'final' as const),
  marking: fc.constantFrom('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED', 'OFFICIAL-SENSITIVE'),
  // Distinct lower-case words: the form the store keeps tags in (trimmed, deduplicated).
  tags: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 5 }),
  citationStyle: fc.constantFrom(null, 'numeric', 'apa', 'harvard', 'chicago', 'analyst'),
} satisfies { [K in keyof NoteMeta]: fc.Arbitrary<NoteMeta[K]> };

/** A patch of any subset of the fields (from none to all). */
export const noteMetaPatch: fc.Arbitrary<NoteMetaPatch> = fc.record(noteMetaValue, { requiredKeys: [] });

/** A patch of exactly one field, as the note header sends. */
export const oneFieldPatch: fc.Arbitrary<NoteMetaPatch> = fc.oneof(
  ...Object.entries(noteMetaValue).map(([field, value]) => (value as fc.Arbitrary<unknown>).map((v) => ({ [field]: v }) as NoteMetaPatch)),
);

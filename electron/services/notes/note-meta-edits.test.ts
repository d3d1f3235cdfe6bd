import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note, NoteMeta, NoteMetaPatch } from '../../../core/index';
import { noteMetaPatch, oneFieldPatch } from '../../../core/testing/note-meta-arbitraries';
import type { Backend } from '../../container';
import { type TestWorkspace, createTestWorkspace, docOf, testClock } from '../testing/fixtures';

/**
 * Property: whatever sequence of metadata edits the app and the CLI make to one note, every field
 * holds the value of its last write, and no write of one field changes another (issue 9: editing
 * the author reset the citation style). The app and the CLI are two backends on one workspace
 * folder, as the two processes are.
 */

/** One write: who sends it, and what. */
type Step =
  | { writer: 'app' | 'cli'; kind: 'meta'; patch: NoteMetaPatch }
  | { writer: 'app'; kind: 'meta+content'; patch: NoteMetaPatch; text: string }
  | { writer: 'cli'; kind: 'content'; text: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  // The note header sends one field per edit; weighted so most steps look like it.
  { weight: 4, arbitrary: fc.record({ writer: fc.constant('app' as const), kind: fc.constant('meta' as const), patch: oneFieldPatch }) },
  // Autosave sends what is queued: several fields, with or without the body.
  { weight: 1, arbitrary: fc.record({ writer: fc.constant('app' as const), kind: fc.constant('meta+content' as const), patch: noteMetaPatch, text: fc.string({ maxLength: 20 }) }) },
  { weight: 3, arbitrary: fc.record({ writer: fc.constant('cli' as const), kind: fc.constant('meta' as const), patch: noteMetaPatch }) },
  { weight: 1, arbitrary: fc.record({ writer: fc.constant('cli' as const), kind: fc.constant('content' as const), text: fc.string({ maxLength: 20 }) }) },
);

describe('note metadata under interleaved edits (property)', () => {
  let ws: TestWorkspace;
  let app: Backend;
  let cli: Backend;

  beforeAll(async () => {
    ws = await createTestWorkspace();
    const clock = testClock();
    app = await ws.open({ now: clock.now });
    cli = await ws.open({ now: clock.now });
  });
  afterAll(() => ws.cleanup());

  const call = async <T>(on: Backend, name: string, input: unknown): Promise<T> => {
    const result = await on.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };

  it('every field equals its last write after each step, read by either process', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const created = await call<Note>(app, 'notes:create', { templateId: 'situation-brief' });
        // Start from a note that has a citation style, the field the bug lost.
        await call(app, 'notes:save', { id: created.id, meta: { citationStyle: 'analyst' } });
        let expected: NoteMeta = { ...created.meta, citationStyle: 'analyst' };
        for (const edit of steps) {
          const on = edit.writer === 'app' ? app : cli;
          const input =
            edit.kind === 'content'
              ? { id: created.id, content: docOf(edit.text) }
              : edit.kind === 'meta+content'
                ? { id: created.id, meta: edit.patch, content: docOf(edit.text) }
                : { id: created.id, meta: edit.patch };
          const saved = await call<{ meta: NoteMeta }>(on, 'notes:save', input);
          if (edit.kind !== 'content') expected = { ...expected, ...edit.patch };
          expect(saved.meta).toStrictEqual(expected);
          expect((await call<Note>(app, 'notes:get', { id: created.id })).meta).toStrictEqual(expected);
          expect((await call<Note>(cli, 'notes:get', { id: created.id })).meta).toStrictEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

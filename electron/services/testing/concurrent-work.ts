import type { Note } from '../../../core/index';
import type { Backend } from '../../container';
import { docOf } from './fixtures';

/** What one writer did. */
export interface WriterResult {
  created: string[];
  texts: string[];
  /** When the first and the last call were made (epoch ms), to show that writers overlapped. */
  startedAt: number;
  endedAt: number;
}

/**
 * Saves `count` distinct versions of one note and creates a note every fifth save, one call at a
 * time as an editor would. Used by the concurrency tests from two backends and two processes.
 */
export async function writeInterleaved(backend: Backend, noteId: string, count: number, tag: string): Promise<WriterResult> {
  const result: WriterResult = { created: [], texts: [], startedAt: Date.now(), endedAt: 0 };
  for (let i = 0; i < count; i += 1) {
    const text = `${tag} version ${i} ${'lorem ipsum '.repeat(200)}`;
    const saved = await backend.dispatch('notes:save', { id: noteId, content: docOf(text), meta: { title: `${tag} ${i}` } });
    if (!saved.ok) throw new Error(`save failed: ${saved.error.message}`);
    result.texts.push(text);
    if (i % 5 === 0) {
      const created = await backend.dispatch('notes:create', { templateId: 'situation-brief', title: `${tag} created ${i}` });
      if (!created.ok) throw new Error(`create failed: ${created.error.message}`);
      result.created.push((created.value as Note).id);
    }
  }
  result.endedAt = Date.now();
  return result;
}

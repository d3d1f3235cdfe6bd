/*
 * Test fixture run as a separate process (`node --import tsx concurrent-writer.ts …`) by
 * container.test.ts: it opens the same workspace as the test and writes while the test writes.
 * Usage: concurrent-writer.ts WORKSPACE TEMPLATES NOTE_ID COUNT TAG
 * Prints "ready" once the workspace is open, then waits for a line on stdin before writing (so the
 * test can start both writers together), then prints one JSON line (WriterResult).
 */
import { once } from 'node:events';
import { createBackend } from '../../container';
import { writeInterleaved } from './concurrent-work';

const [workspaceDir, builtinTemplatesDir, noteId, count, tag] = process.argv.slice(2);
if (!workspaceDir || !builtinTemplatesDir || !noteId || !count || !tag) {
  process.stderr.write('usage: concurrent-writer.ts WORKSPACE TEMPLATES NOTE_ID COUNT TAG\n');
  process.exit(2);
}
const backend = await createBackend({ workspaceDir, builtinTemplatesDir, appVersion: 'child' });
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const result = await writeInterleaved(backend, noteId, Number(count), tag);
await backend.close();
process.stdout.write(`${JSON.stringify(result)}\n`);

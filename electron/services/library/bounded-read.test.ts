import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/index';
import { readImportFile } from './bounded-read';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'bd-bounded-read-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The AppError `read` rejects with. */
async function refusal(read: Promise<unknown>): Promise<AppError> {
  const error: unknown = await read.then(
    () => new Error('expected a refusal'),
    (caught: unknown) => caught,
  );
  if (error instanceof AppError) return error;
  throw error;
}

describe('readImportFile', () => {
  it('refuses a file above the limit before reading it, naming size, limit and how to split it', async () => {
    const file = join(scratch, 'huge.export.CSV');
    await writeFile(file, 'x');
    await truncate(file, 1024 * 1024 * 1024);
    const error = await refusal(readImportFile(file, 'huge.export.CSV'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^"huge\.export\.CSV" is 1\.0 GB; Briefing Desk imports files of at most 200 MB .*split -l 200000/);
  });

  it('refuses a device like /dev/zero instead of reading it forever', async () => {
    expect((await refusal(readImportFile('/dev/zero', 'zero'))).message).toMatch(/not a regular file/);
  });

  it('reads a file within the limit, and a smaller limit refuses it', async () => {
    const file = join(scratch, 'small.csv');
    await writeFile(file, 'date,summary\n');
    expect(new TextDecoder().decode(await readImportFile(file, 'small.csv'))).toBe('date,summary\n');
    expect((await refusal(readImportFile(file, 'small.csv', 5))).message).toMatch(/"small\.csv" is 13 bytes; .* at most 5 bytes/);
  });
});

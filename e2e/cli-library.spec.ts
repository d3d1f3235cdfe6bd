import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, ROOT, test } from './fixtures';

/**
 * The library through the built bundles, as users run them: dist/node/cli.mjs with its import
 * worker (dist/node/import-worker.mjs) and jsdom loaded from node_modules at run time, and the
 * browser edition's upload endpoint feeding import:start.
 */
const FIXTURES = resolve(ROOT, 'test-fixtures', 'real');
const GDELT = join(FIXTURES, 'gdelt2-sample-head50.export.CSV');
const ARTICLE = join(FIXTURES, 'article-lemonde-1.html');

interface Job {
  id: string;
  state: string;
  report: { counts: { imported: number; sourcesImported: number } } | null;
  failure: { line: number | null; message: string } | null;
}

test.describe('library from the command line and through uploads', () => {
  // Each test starts the built CLI several times (a fresh Node process that loads the app's bundle,
  // some with an import worker and jsdom): seconds apiece on a busy machine, so three times the budget.
  test.slow();
  test('the built CLI imports GDELT and a saved article, lists them, and rejects a broken file', async ({ app }) => {
    const gdelt = await app.cli('import', GDELT);
    expect(gdelt.code, gdelt.stderr).toBe(0);
    expect(gdelt.stdout).toMatch(/^ {2}imported\s+\d+$/m);
    expect(gdelt.stdout).toMatch(/^ {2}removed upstream\s+0$/m);

    // Readability on jsdom inside the worker bundle: jsdom must load from node_modules.
    const article = await app.cli('import', ARTICLE, '--format', 'html');
    expect(article.code, article.stderr).toBe(0);
    expect(article.stdout).toMatch(/^ {2}sources imported\s+1$/m);

    const events = await app.cli('events', '--limit', '1000');
    expect(events.code).toBe(0);
    const before = events.stdout;
    expect(before.trim().split('\n').length).toBeGreaterThan(0);

    const sources = await app.cli('sources', '--json');
    const parsed = JSON.parse(sources.stdout) as { id: string; publisher: string }[];
    expect(parsed.length).toBeGreaterThan(1);

    const rows = (await readFile(GDELT, 'utf8')).split('\n');
    // Most rows cut short: the importer refuses the whole file at the first bad row (line 5).
    for (let index = 4; index < 50; index += 1) rows[index] = rows[index]!.split('\t').slice(0, 30).join('\t');
    const broken = join(app.workspaceDir, 'broken.export.CSV');
    await writeFile(broken, rows.join('\n'));
    const rejected = await app.cli('import', broken, '--format', 'gdelt', '--dataset', 'broken');
    expect(rejected.code).toBe(2);
    expect(rejected.stderr.startsWith(`${broken}:5: `)).toBe(true);
    expect((await app.cli('events', '--limit', '1000')).stdout).toBe(before);
  });

  test('sample and extract through the built CLI', async ({ app }) => {
    const first = await app.cli('sample');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Loaded the sample library: \d+ events, \d+ sources\.$/m);
    expect((await app.cli('sample')).stdout).toMatch(/nothing was added/);
    const id = (await app.cli('sources')).stdout.trim().split('\n')[0]!.split('\t')[0]!;
    const extracted = await app.cli('extract', id, '--json');
    expect(extracted.code, extracted.stderr).toBe(0);
    expect(Array.isArray(JSON.parse(extracted.stdout))).toBe(true);
  });

  test('POST /api/upload stages a file that import:start imports', async ({ app, request }) => {
    const auth = { Authorization: `Bearer ${app.token}` };
    const uploaded = await request.post(`${app.origin}/api/upload`, {
      headers: { ...auth, 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent('20161013151500.export.CSV') },
      data: await readFile(GDELT),
    });
    expect(uploaded.status()).toBe(200);
    const { value } = (await uploaded.json()) as { value: { uploadId: string } };

    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const response = await request.post(`${app.origin}/api/${name}`, { headers: { ...auth, 'Content-Type': 'application/json' }, data: input });
      const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
      expect(body.ok, body.error?.message).toBe(true);
      return body.value;
    };
    let job = await call<Job>('import:start', { uploadId: value.uploadId, fileName: '20161013151500.export.CSV' });
    await expect.poll(async () => (job = await call<Job>('import:status', { jobId: job.id })).state, { timeout: 15_000 }).toBe('done');
    expect(job.report!.counts.imported).toBeGreaterThan(0);

    const wrongType = await request.post(`${app.origin}/api/upload`, { headers: { ...auth, 'Content-Type': 'text/csv', 'X-File-Name': 'a.csv' }, data: 'x' });
    expect(wrongType.status()).toBe(415);
  });

  test('the page itself can upload (same-origin fetch with the launch token, as the client does)', async ({ page }) => {
    const answer = await page.evaluate(async () => {
      const token = sessionStorage.getItem('briefing-desk.token');
      const file = new File(['id,date,summary\n1,2025-06-05,Trump and Xi speak by phone\n'], 'Übersicht.csv');
      const response = await fetch('/api/upload', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
        body: file,
      });
      return { status: response.status, body: (await response.json()) as unknown };
    });
    expect(answer).toMatchObject({ status: 200, body: { ok: true, value: { uploadId: expect.any(String) } } });
  });
});

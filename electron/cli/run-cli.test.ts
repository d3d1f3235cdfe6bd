import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../services/export/chromium-printer';
import type { PdfPrinter } from '../services/export/pdf-printer';
import { runCli } from './run-cli';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let workspace: string;

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'bd-cli-'));
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

/** Runs the CLI in-process against the temp workspace and the repo's real built-in templates. */
async function cli(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    // No $BRIEFING_DESK_WORKSPACE from the developer's shell leaks in.
    env: { BRIEFING_DESK_WORKSPACE: workspace },
    homedir: workspace,
  });
  return { code, stdout, stderr };
}

/** A printer that only counts: which commands ask it to warm up, and that the backend closes it. */
class CountingPrinter implements PdfPrinter {
  warmed = 0;
  closed = 0;
  async print(): Promise<Uint8Array> {
    throw new Error('no print in this test');
  }
  async warm(): Promise<void> {
    this.warmed += 1;
  }
  async close(): Promise<void> {
    this.closed += 1;
  }
}

/** The real printer, telling when a warm-up has finished. */
class ObservedPrinter extends ChromiumPrinter {
  private resolveWarm: () => void = () => undefined;
  readonly warmedUp = new Promise<void>((resolve) => (this.resolveWarm = resolve));
  override async warm(): Promise<void> {
    await super.warm();
    this.resolveWarm();
  }
}

describe('briefing-desk CLI', () => {
  it('prints help listing every command, exit 0', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    for (const command of ['serve', 'templates', 'new', 'notes']) expect(run.stdout).toContain(`  ${command}`);
    expect(run.stderr).toBe('');
  });

  it('prints help for a command, exit 0, without touching the workspace', async () => {
    const run = await cli('new', '--help', '--workspace', join(workspace, 'not-created'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: briefing-desk new --template ID/);
    expect(await readdir(workspace)).toEqual([]);
  });

  it('lists the built-in templates as id<TAB>name lines', async () => {
    const run = await cli('templates', '--workspace', workspace);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line).toMatch(/^[a-z0-9-]+\t[^\t]+$/);
    expect(lines.map((line) => line.split('\t')[0])).toContain('situation-brief');
  });

  it('creates a note, prints only its id, and lists it with notes', async () => {
    const created = await cli('new', '--template', 'situation-brief', '--title', 'Port strike', '--marking', 'TLP:GREEN', '--workspace', workspace);
    expect(created.code).toBe(0);
    expect(created.stderr).toBe('');
    const id = created.stdout.trim();
    expect(created.stdout).toBe(`${id}\n`);
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]{5,63}$/);

    const listed = await cli('notes', '--workspace', workspace);
    expect(listed.code).toBe(0);
    const [line] = listed.stdout.trim().split('\n');
    const [listedId, title, status, updated] = line!.split('\t');
    expect(listedId).toBe(id);
    expect(title).toBe('Port strike');
    expect(status).toBe('draft');
    expect(Number.isNaN(Date.parse(updated!))).toBe(false);

    const json = await cli('notes', '--json', '--workspace', workspace);
    expect(json.code).toBe(0);
    const summaries = JSON.parse(json.stdout) as { id: string; marking: string }[];
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ id, marking: 'TLP:GREEN' });
  });

  it('escapes control characters and formula starts in tab-separated output, and says so in --help', async () => {
    const title = '=HYPERLINK("http://evil.example","Open")\tcol\nrow\u001b[2J';
    const created = await cli('new', '--template', 'blank', '--title', title);
    expect(created.code).toBe(0);
    const listed = await cli('notes');
    const lines = listed.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const columns = lines[0]!.split('\t');
    expect(columns).toHaveLength(4);
    expect(columns[1]).toBe('\'=HYPERLINK("http://evil.example","Open")\\tcol\\nrow\\u001b[2J');
    expect(listed.stdout).not.toMatch(/\u001b/);
    expect((await cli('--help')).stdout).toContain("Tab-separated output escapes tab, newline, CR and backslash as \\t \\n \\r \\\\ (other control characters as \\uXXXX) and puts ' before a value starting with =, +, - or @ (not before plain numbers like -5).\n");
  });

  it('lists notes newest first', async () => {
    const first = (await cli('new', '--template', 'blank', '--title', 'First')).stdout.trim();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = (await cli('new', '--template', 'blank', '--title', 'Second')).stdout.trim();
    const ids = (await cli('notes')).stdout.trim().split('\n').map((line) => line.split('\t')[0]);
    expect(ids).toEqual([second, first]);
  });

  it('rejects an unknown template with one line and exit 2, writing no note', async () => {
    const run = await cli('new', '--template', 'foo', '--workspace', workspace);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('briefing-desk: unknown template "foo" — run "briefing-desk templates" to list them\n');
    expect((await cli('notes')).stdout).toBe('');
  });

  it('rejects a missing --template with exit 2', async () => {
    const run = await cli('new', '--title', 'No template');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--template');
  });

  it('rejects an invalid marking through the contract, exit 2', async () => {
    const run = await cli('new', '--template', 'blank', '--marking', '   ');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/marking/i);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['notes', '--bogus'], /unknown option "--bogus" for "notes"/],
    [['templates', 'extra'], /unexpected argument "extra"/],
    [['new', '--template'], /--template needs a value/],
    [['serve', '--port', 'eighty'], /--port must be a number/],
    [[], /missing command/],
  ])('bad input %j → one line on stderr, exit 2', async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('reports a workspace that is not a folder with exit 2', async () => {
    const file = join(workspace, 'a-file');
    await writeFile(file, 'not a folder');
    const run = await cli('notes', '--workspace', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^briefing-desk: cannot open the workspace/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('accepts --workspace before the command', async () => {
    const run = await cli('--workspace', workspace, 'templates');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('situation-brief\t');
  });

  it('serve prints the ready line, answers on 127.0.0.1 and stops when aborted', async () => {
    const stop = new AbortController();
    let stdout = '';
    let opened = 0;
    let status = 0;
    const served = runCli(['serve', '--port', '0', '--workspace', workspace], {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: () => true },
      env: { DISPLAY: ':0' },
      signal: stop.signal,
      openBrowser: () => (opened += 1),
      onServerReady: (server) => {
        fetch(`http://127.0.0.1:${server.port}/api/templates:list`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
          body: '{}',
        })
          .then((response) => (status = response.status))
          .finally(() => stop.abort());
      },
    });
    expect(await served).toBe(0);
    expect(status).toBe(200);
    expect(stdout).toMatch(/^Briefing Desk is ready at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}\n$/);
    expect(opened).toBe(1);
  });
  it('one-shot commands do not start the PDF printer', async () => {
    for (const argv of [['notes'], ['templates'], ['new', '--template', 'blank', '--title', 'Quick']]) {
      const printer = new CountingPrinter();
      const code = await runCli(argv, { stdout: { write: () => true }, stderr: { write: () => true }, env: { BRIEFING_DESK_WORKSPACE: workspace }, homedir: workspace, pdfPrinter: printer });
      expect(code, argv.join(' ')).toBe(0);
      expect(printer.warmed, argv.join(' ')).toBe(0);
    }
  });

  it('serve warms the PDF printer once it is ready, so the first export launches no browser, and closes it on stop', async () => {
    const printer = new ObservedPrinter();
    const stop = new AbortController();
    let stdout = '';
    let failure: unknown = null;
    let exported: { state: string; pages: number | null } | null = null;
    const served = runCli(['serve', '--port', '0', '--no-open', '--workspace', workspace], {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: () => true },
      env: {},
      signal: stop.signal,
      pdfPrinter: printer,
      onServerReady: (server) => {
        const api = async <T>(call: string, input: unknown): Promise<T> => {
          const response = await fetch(`http://127.0.0.1:${server.port}/api/${call}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
            body: JSON.stringify(input),
          });
          const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
          if (!result.ok) throw new Error(`${call}: ${result.error?.message}`);
          return result.value;
        };
        (async () => {
          // The ready line is out before the browser is up: the warm-up never holds up start.
          expect(stdout).toMatch(/^Briefing Desk is ready at /);
          await printer.warmedUp;
          expect(printer.isWarm).toBe(true);
          const note = await api<{ id: string }>('notes:create', { templateId: 'situation-brief', title: 'Warm export' });
          let job = await api<{ id: string; state: string; pages: number | null }>('export:start', { id: note.id, format: 'pdf' });
          while (job.state === 'running') {
            await new Promise((resolve) => setTimeout(resolve, 50));
            job = await api('export:status', { jobId: job.id });
          }
          exported = job;
        })()
          .catch((error: unknown) => (failure = error))
          .finally(() => stop.abort());
      },
    });
    expect(await served).toBe(0);
    expect(failure).toBeNull();
    expect(exported).toMatchObject({ state: 'done' });
    expect(printer.launches).toBe(1);
    // Stopping serve closed the backend and with it the warm browser.
    expect(printer.isWarm).toBe(false);
  }, 120_000);
});

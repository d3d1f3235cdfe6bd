import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { DocNode, TemplateFile } from '../../../core/index';
import { type Backend, type BackendOptions, createBackend } from '../../container';

/**
 * Node's arguments for running the app's TypeScript source in a child process: tsx, plus the hook
 * that imports the shipped .csl/.xml files as text, as the bundles do (build/scripts/text-import.mjs).
 */
export const RUN_TS_SOURCE: readonly string[] = ['--import', 'tsx', '--import', new URL('../../../build/scripts/text-import-register.mjs', import.meta.url).href];

/** A fresh folder under the system temp dir. */
export function makeTempDir(prefix = 'bd-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Removes a temp folder. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** A doc of paragraphs with the given texts. */
export function docOf(...paragraphs: string[]): DocNode {
  return {
    type: 'doc',
    content: paragraphs.map((text) => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })),
  };
}

/** A valid template using every `{{field}}` and a guidance paragraph. */
export function sampleTemplate(overrides: Partial<TemplateFile> = {}): TemplateFile {
  return {
    schemaVersion: 1,
    id: 'situation-brief',
    name: 'Situation brief',
    description: 'A developing situation.',
    title: 'Situation brief — {{date}}',
    tags: ['situation'],
    content: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '{{title}}' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Prepared by {{author}} on {{date}} — {{marking}} — {{unknown}}' }] },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'BLUF' }] },
        { type: 'paragraph', attrs: { guidance: 'Bottom line for {{author}}.' } },
        { type: 'sourcesSection' },
      ],
    },
    ...overrides,
  };
}

/** Writes template files (`<id>.json`, or `file` when given) into `dir`. */
export async function writeTemplates(dir: string, templates: (TemplateFile | { file: string; text: string })[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const template of templates) {
    if ('file' in template) await writeFile(join(dir, template.file), template.text);
    else await writeFile(join(dir, `${template.id}.json`), JSON.stringify(template, null, 2));
  }
}

/** A clock tests can move forward. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

/** A clock starting at `start`, moving only when told (plus 1 ms per reading, so timestamps differ). */
export function testClock(start = '2025-06-10T09:00:00.000Z'): TestClock {
  let time = Date.parse(start);
  return {
    now: () => new Date((time += 1)),
    advance: (ms) => {
      time += ms;
    },
  };
}

/** A temp root with built-in templates and a workspace folder, and a way to open backends on it. */
export interface TestWorkspace {
  root: string;
  workspaceDir: string;
  templatesDir: string;
  open(options?: Partial<BackendOptions>): Promise<Backend>;
  /** Every file under the workspace, relative, sorted (for "nothing was written" checks). */
  listing(): Promise<string[]>;
  cleanup(): Promise<void>;
}

/** Sets up a temp workspace with the sample template (and more, when given) as built-ins. */
export async function createTestWorkspace(templates: TemplateFile[] = [sampleTemplate()]): Promise<TestWorkspace> {
  const root = await makeTempDir();
  const workspaceDir = join(root, 'workspace');
  const templatesDir = join(root, 'builtin-templates');
  await writeTemplates(templatesDir, templates);
  const opened: Backend[] = [];
  return {
    root,
    workspaceDir,
    templatesDir,
    open: async (options = {}) => {
      const backend = await createBackend({ workspaceDir, builtinTemplatesDir: templatesDir, appVersion: '9.9.9-test', checkOutputs: true, ...options });
      opened.push(backend);
      return backend;
    },
    listing: () => listFiles(workspaceDir),
    cleanup: async () => {
      await Promise.all(opened.map((backend) => backend.close()));
      await removeDir(root);
    },
  };
}

/** Every file under `dir`, relative and sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

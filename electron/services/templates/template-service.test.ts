import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Backend } from '../../container';
import { type TestWorkspace, createTestWorkspace, docOf, sampleTemplate, writeTemplates } from '../testing/fixtures';
import { loadTemplateDir } from './template-loader';
import { slugifyTemplateName } from './template-id';

describe('loadTemplateDir', () => {
  let ws: TestWorkspace;
  beforeEach(async () => {
    ws = await createTestWorkspace([sampleTemplate(), sampleTemplate({ id: 'daily-summary', name: 'Daily summary' })]);
  });
  afterEach(() => ws.cleanup());

  it('reports each malformed file with its name and reason, and still loads the others', async () => {
    const base = sampleTemplate();
    await writeTemplates(ws.templatesDir, [
      { file: 'bad-json.json', text: '{ "schemaVersion": 1, ' },
      { file: 'unknown-node.json', text: JSON.stringify({ ...base, id: 'unknown-node', content: { type: 'doc', content: [{ type: 'blink' }] } }) },
      { file: 'missing-name.json', text: JSON.stringify({ ...base, id: 'missing-name', name: undefined }) },
      { file: 'wrong-name.json', text: JSON.stringify({ ...base, id: 'other-id' }) },
      { file: 'notes.txt', text: 'not a template' },
    ]);
    const { templates, problems } = await loadTemplateDir(ws.templatesDir, { builtIn: true });
    expect(templates.map((loaded) => loaded.template.id).sort()).toEqual(['daily-summary', 'situation-brief']);
    const reasons = Object.fromEntries(problems.map((problem) => [problem.file, problem.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['bad-json.json', 'missing-name.json', 'unknown-node.json', 'wrong-name.json']);
    expect(reasons['bad-json.json']).toMatch(/not valid JSON/);
    expect(reasons['unknown-node.json']).toMatch(/document schema.*blink/);
    expect(reasons['missing-name.json']).toMatch(/template schema: name/);
    expect(reasons['wrong-name.json']).toMatch(/rename the file to other-id\.json/);
  });

  it('treats a missing folder as empty', async () => {
    expect(await loadTemplateDir(join(ws.root, 'nope'), { builtIn: false })).toEqual({ templates: [], problems: [] });
  });
});

describe('TemplateService through the contract', () => {
  let ws: TestWorkspace;
  let backend: Backend;
  beforeEach(async () => {
    ws = await createTestWorkspace();
    backend = await ws.open();
  });
  afterEach(() => ws.cleanup());

  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await backend.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };

  it('lists built-ins, and problems of own template files with their workspace path', async () => {
    await writeTemplates(join(ws.workspaceDir, 'templates'), [{ file: 'broken.json', text: 'nope' }]);
    const list = await call<{ templates: { id: string; builtIn: boolean }[]; problems: { file: string }[] }>('templates:list', {});
    expect(list.templates).toEqual([expect.objectContaining({ id: 'situation-brief', builtIn: true })]);
    expect(list.problems).toEqual([expect.objectContaining({ file: 'templates/broken.json' })]);
  });

  it('saves a note as an own template, keeping guidance, with a unique id from the name', async () => {
    const note = await call<{ id: string }>('notes:create', { templateId: 'situation-brief', author: 'Ana' });
    const first = await call<{ id: string; builtIn: boolean }>('templates:save-from-note', { noteId: note.id, name: 'Sahel – weekly (été)' });
    const second = await call<{ id: string }>('templates:save-from-note', { noteId: note.id, name: 'Sahel – weekly (été)', description: 'again' });
    expect(first).toMatchObject({ id: 'sahel-weekly-ete', builtIn: false });
    expect(second.id).toBe('sahel-weekly-ete-2');
    const saved = JSON.parse(await readFile(join(ws.workspaceDir, 'templates', 'sahel-weekly-ete.json'), 'utf8'));
    expect(saved.content.content[3]).toEqual({ type: 'paragraph', attrs: { guidance: 'Bottom line for Ana.' } });
    const fromOwn = await call<{ meta: { title: string } }>('notes:create', { templateId: 'sahel-weekly-ete', date: '2025-06-10' });
    expect(fromOwn.meta.title).toBe('Sahel – weekly (été) — 10 June 2025');
  });

  it('renames and deletes own templates only; built-ins can be duplicated', async () => {
    const rename = await backend.dispatch('templates:rename', { id: 'situation-brief', name: 'Mine' });
    expect(rename).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Built-in templates cannot be renamed; duplicate it first.' } });
    expect(await backend.dispatch('templates:delete', { id: 'situation-brief' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const copy = await call<{ id: string; name: string; builtIn: boolean }>('templates:duplicate', { id: 'situation-brief' });
    expect(copy).toMatchObject({ id: 'copy-of-situation-brief', name: 'Copy of Situation brief', builtIn: false });
    expect(await call<{ name: string }>('templates:rename', { id: copy.id, name: 'Renamed' })).toMatchObject({ id: copy.id, name: 'Renamed' });
    const copyOfCopy = await call<{ id: string }>('templates:duplicate', { id: copy.id, name: 'Third' });
    expect(copyOfCopy.id).toBe('third');

    await call('templates:delete', { id: copy.id });
    expect((await readdir(join(ws.workspaceDir, 'templates'))).sort()).toEqual(['third.json']);
    expect(await backend.dispatch('templates:delete', { id: copy.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('reports an own template that reuses a built-in id instead of letting it shadow the built-in', async () => {
    await writeTemplates(join(ws.workspaceDir, 'templates'), [sampleTemplate({ name: 'Impostor' })]);
    const list = await call<{ templates: { name: string }[]; problems: { file: string; reason: string }[] }>('templates:list', {});
    expect(list.templates.map((t) => t.name)).toEqual(['Situation brief']);
    expect(list.problems[0]).toMatchObject({ file: 'templates/situation-brief.json' });
  });

  it('makes ids from names', () => {
    expect(slugifyTemplateName('  Négociation: UE / Mercosur  ')).toBe('negociation-ue-mercosur');
    expect(slugifyTemplateName('!')).toBe('template');
  });

  it('own templates in the workspace show up without reopening', async () => {
    await writeTemplates(join(ws.workspaceDir, 'templates'), [sampleTemplate({ id: 'added-later', name: 'Added later', content: docOf('x') })]);
    const list = await call<{ templates: { id: string }[] }>('templates:list', {});
    expect(list.templates.map((t) => t.id)).toContain('added-later');
  });
});

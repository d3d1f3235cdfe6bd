import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallOutput, Result } from '../../../core/index';
import { BUILTIN_STYLES } from '../../../core/citations/styles';
import type { Backend } from '../../container';
import { type TestWorkspace, createTestWorkspace } from '../testing/fixtures';
import { styleIdBase } from './citation-style-service';

const APA = resolve(__dirname, '..', '..', '..', 'core', 'citations', 'styles', 'apa.csl');

type Styles = CallOutput<'citations:styles'>;

describe('citation styles', () => {
  let ws: TestWorkspace;
  let backend: Backend;
  let apaXml: string;

  beforeEach(async () => {
    ws = await createTestWorkspace();
    backend = await ws.open();
    apaXml = await readFile(APA, 'utf8');
  });
  afterEach(() => ws.cleanup());

  async function call<T>(name: string, input: unknown): Promise<T> {
    const result = await backend.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  }

  function failure(result: Result<unknown>): { code: string; message: string } {
    if (result.ok) throw new Error('expected the call to fail');
    return result.error;
  }

  it('lists the built-ins and the workspace default', async () => {
    const listed = await call<Styles>('citations:styles', {});
    expect(listed.styles).toEqual(BUILTIN_STYLES.map((style) => ({ id: style.id, name: style.name, kind: style.kind, builtIn: true })));
    expect(listed.styles.length).toBeGreaterThanOrEqual(5);
    expect(listed.defaultStyle).toBe('numeric');
    await call('settings:update', { citationStyle: BUILTIN_STYLES[1]!.id });
    expect((await call<Styles>('citations:styles', {})).defaultStyle).toBe(BUILTIN_STYLES[1]!.id);
  });

  it('adds a real CSL file under an id from its file name, lists it and returns its XML', async () => {
    const added = await call<Styles['styles'][number]>('citations:add-style', { fileName: 'Agency APA (v7).csl', xml: apaXml });
    expect(added).toEqual({ id: 'agency-apa-v7', name: 'APA Style 7th edition', kind: 'author-date', builtIn: false });
    expect(await ws.listing()).toContain(join('styles', 'agency-apa-v7.csl'));

    const listed = await call<Styles>('citations:styles', {});
    expect(listed.styles.at(-1)).toEqual(added);
    expect(await call('citations:style-xml', { id: 'agency-apa-v7' })).toEqual({ id: 'agency-apa-v7', xml: apaXml });

    // The same name again gets the next free id; a built-in's id is never taken.
    expect((await call<{ id: string }>('citations:add-style', { fileName: 'agency-apa-v7.csl', xml: apaXml })).id).toBe('agency-apa-v7-2');
    const builtIn = BUILTIN_STYLES[0]!.id;
    expect((await call<{ id: string }>('citations:add-style', { fileName: `${builtIn}.csl`, xml: apaXml })).id).toBe(`${builtIn}-2`);
  });

  it('rejects a broken file with the reason and writes nothing', async () => {
    const before = await ws.listing();
    for (const xml of ['<style xmlns="http://purl.org/net/xbiblio/csl"><info>', '<html><body>not a style</body></html>', apaXml.replace(/<citation[\s\S]*<\/citation>/, '')]) {
      const error = failure(await backend.dispatch('citations:add-style', { fileName: 'broken.csl', xml }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/^The style “broken\.csl” cannot be used: \S/);
    }
    expect(await ws.listing()).toEqual(before);
    expect((await call<Styles>('citations:styles', {})).styles.every((style) => style.builtIn)).toBe(true);
  });

  it('deletes own styles only', async () => {
    const added = await call<{ id: string }>('citations:add-style', { fileName: 'mine.csl', xml: apaXml });
    expect(await call('citations:delete-style', { id: added.id })).toEqual({ id: added.id });
    expect(await ws.listing()).not.toContain(join('styles', 'mine.csl'));
    expect((await call<Styles>('citations:styles', {})).styles.some((style) => style.id === added.id)).toBe(false);
    expect(failure(await backend.dispatch('citations:delete-style', { id: added.id })).code).toBe('not_found');
    expect(failure(await backend.dispatch('citations:style-xml', { id: added.id })).code).toBe('not_found');

    const builtIn = BUILTIN_STYLES[0]!.id;
    expect(failure(await backend.dispatch('citations:delete-style', { id: builtIn })).code).toBe('forbidden');
    expect((await call<Styles>('citations:styles', {})).styles.some((style) => style.id === builtIn)).toBe(true);
  });

  it('falls back to the numeric default when the default style was deleted', async () => {
    const added = await call<{ id: string }>('citations:add-style', { fileName: 'house.csl', xml: apaXml });
    await call('settings:update', { citationStyle: added.id });
    expect((await call<Styles>('citations:styles', {})).defaultStyle).toBe(added.id);
    await call('citations:delete-style', { id: added.id });
    expect((await call<Styles>('citations:styles', {})).defaultStyle).toBe('numeric');
  });

  it('sees a style another process added', async () => {
    const other = await ws.open();
    const added = await other.dispatch('citations:add-style', { fileName: 'shared.csl', xml: apaXml });
    expect(added.ok).toBe(true);
    expect((await call<Styles>('citations:styles', {})).styles.map((style) => style.id)).toContain('shared');
  });
});

describe('styleIdBase', () => {
  it.each([
    ['My Agency (v2).csl', 'my-agency-v2'],
    ['C:\\styles\\Défense.CSL', 'defense'],
    ['/home/a/apa.xml', 'apa'],
    ['日本.csl', 'style'],
  ])('%s → %s', (fileName, id) => {
    expect(styleIdBase(fileName)).toBe(id);
  });
});

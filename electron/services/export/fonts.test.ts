import { describe, expect, it } from 'vitest';
import { loadExportFontCss, loadHeaderFontCss } from './fonts';

/** The @font-face rules the export inlines: every face, both subsets, nothing remote. */
describe('loadExportFontCss', () => {
  it('inlines Source Serif 4, Inter and JetBrains Mono in latin and latin-ext as woff2 data: URLs with their unicode ranges', async () => {
    const css = await loadExportFontCss();
    const rules = css.split('@font-face').slice(1);
    const faces = rules.map((rule) => {
      const family = /font-family: '([^']+)'/.exec(rule)?.[1];
      const weight = /font-weight: (\d+)/.exec(rule)?.[1];
      const style = /font-style: (\w+)/.exec(rule)?.[1];
      return `${family} ${weight} ${style}`;
    });
    const expected = ['Source Serif 4 400 normal', 'Source Serif 4 400 italic', 'Source Serif 4 600 normal', 'Source Serif 4 700 normal', 'Source Serif 4 700 italic', 'Inter 400 normal', 'Inter 600 normal', 'Inter 700 normal', 'JetBrains Mono 400 normal'];
    // Each face twice: the latin and the latin-ext subset.
    expect([...faces].sort()).toEqual([...expected, ...expected].sort());
    for (const rule of rules) {
      expect(rule).toMatch(/src: url\(data:font\/woff2;base64,[A-Za-z0-9+/]{1000,}={0,2}\) format\('woff2'\);/);
      expect(rule).toMatch(/unicode-range: U\+0000-00FF,|unicode-range: U\+0100-02BA,/);
    }
    expect(css.match(/url\(/g)?.length).toBe(rules.length);
    expect(await loadExportFontCss()).toBe(css);
  });

  it.each([
    ['Rare earths — TLP:AMBER', 2],
    ['Łódź briefing OFFICIAL-SENSITIVE', 4],
  ])('gives the page templates Inter 400 and 700 only, latin-ext only when needed: %s', async (text, faces) => {
    const css = await loadHeaderFontCss(text);
    expect(css.match(/@font-face/g)?.length).toBe(faces);
    expect(css.match(/font-weight: (\d+)/g)?.sort()).toEqual(faces === 2 ? ['font-weight: 400', 'font-weight: 700'] : ['font-weight: 400', 'font-weight: 400', 'font-weight: 700', 'font-weight: 700']);
    expect(css).not.toContain('Source Serif 4');
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DocNode } from '../core/domain/note';
import { TEMPLATE_FIELDS, type TemplateFile, TemplateFileSchema } from '../core/domain/template';
import { validateDoc } from '../core/editor/schema';
import { type TemplateValues, fillDoc, fillString } from '../core/editor/template-fill';

const TEMPLATES_DIR = dirname(fileURLToPath(import.meta.url));
const FILES = readdirSync(TEMPLATES_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

/** The level-2 sections each built-in must have, in order. `blank` has none on purpose. */
const EXPECTED_SECTIONS: Record<string, string[]> = {
  'situation-brief': ['BLUF', 'Situation', 'Key developments', 'Assessment', 'Outlook', 'Indicators to watch', 'Sources'],
  'negotiation-brief': ['BLUF', 'Objectives', 'Their likely asks', 'Our response', 'Talking points', 'Background', 'Sources'],
  'policy-options-memo': ['BLUF', 'Decision required', 'Background', 'Options', 'Recommendation', 'Risks', 'Sources'],
  'daily-summary': ['Key judgments', 'Items', 'Intelligence gaps', 'Sources'],
  'market-note': ['BLUF', 'Supply', 'Demand', 'Prices', 'Policy drivers', 'Outlook', 'Risks', 'Sources'],
  blank: [],
};

/**
 * Headings an analytic note opens with: the bottom line before the evidence. Every built-in except
 * `blank` is analytic; `blank` has no sections at all, so the analyst decides.
 */
const OPENING_HEADINGS = ['BLUF', 'Key judgments'];
const NON_ANALYTIC = new Set(['blank']);

/** Guidance is a hint, not prose: one or two sentences. */
const MAX_GUIDANCE_CHARS = 240;

const VALUES: TemplateValues = { title: 'Red Sea shipping', date: '10 June 2025', author: 'A. Analyst', marking: 'TLP:AMBER' };

function loadTemplate(file: string): TemplateFile {
  const raw: unknown = JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8'));
  return TemplateFileSchema.parse(raw);
}

function walk(node: DocNode, visit: (node: DocNode) => void): void {
  visit(node);
  for (const child of node.content ?? []) walk(child, visit);
}

function textOf(node: DocNode): string {
  let text = '';
  walk(node, (current) => {
    if (typeof current.text === 'string') text += current.text;
  });
  return text;
}

function guidanceNodes(doc: DocNode): DocNode[] {
  const found: DocNode[] = [];
  walk(doc, (node) => {
    if (typeof node.attrs?.guidance === 'string') found.push(node);
  });
  return found;
}

function headingsOfLevel(doc: DocNode, level: number): string[] {
  return (doc.content ?? [])
    .filter((node) => node.type === 'heading' && node.attrs?.level === level)
    .map((node) => textOf(node));
}

/** Every string a template author can put a `{{field}}` in. */
function allStrings(template: TemplateFile): string[] {
  const strings = [template.title];
  walk(template.content, (node) => {
    if (typeof node.text === 'string') strings.push(node.text);
    if (typeof node.attrs?.guidance === 'string') strings.push(node.attrs.guidance);
  });
  return strings;
}

describe('built-in templates', () => {
  it('include every template the product promises, and no file without expectations', () => {
    const ids = FILES.map((file) => file.replace(/\.json$/, ''));
    expect(ids).toEqual(Object.keys(EXPECTED_SECTIONS).sort());
  });

  describe.each(FILES)('%s', (file) => {
    const template = loadTemplate(file);
    const doc = template.content;
    const top = doc.content ?? [];
    const expected = EXPECTED_SECTIONS[template.id] ?? [];

    it('has an id equal to its file name', () => {
      expect(`${template.id}.json`).toBe(file);
    });

    it('has a name and a description for the "New note" picker', () => {
      expect(template.name.length).toBeGreaterThan(2);
      expect(template.description.length).toBeGreaterThan(30);
    });

    it('leaves the marking to the workspace default', () => {
      expect(template.marking).toBeUndefined();
    });

    it('validates against the note schema', () => {
      expect(validateDoc(doc)).toEqual({ ok: true });
    });

    it('uses only the heading levels the editor offers (1-4)', () => {
      // validateDoc checks node types and nesting, not attribute values, so a level-5 heading would pass it.
      const levels: unknown[] = [];
      walk(doc, (node) => {
        if (node.type === 'heading') levels.push(node.attrs?.level);
      });
      expect(levels.filter((level) => ![1, 2, 3, 4].includes(level as number))).toEqual([]);
    });

    it.skipIf(NON_ANALYTIC.has(template.id))('starts with a BLUF or Key judgments heading and guidance for it', () => {
      const [first, ...rest] = top;
      expect(first?.type).toBe('heading');
      expect(OPENING_HEADINGS).toContain(textOf(first ?? { type: 'none' }));
      const untilNext = rest.slice(0, Math.max(0, rest.findIndex((node) => node.type === 'heading')));
      expect(untilNext.flatMap((node) => guidanceNodes(node)).length, 'the opening section has no guidance').toBeGreaterThan(0);
    });

    it('has its sections as level-2 headings, in order', () => {
      expect(headingsOfLevel(doc, 2)).toEqual(expected);
    });

    it('gives every section except Sources at least one piece of guidance', () => {
      const sections = expected.filter((name) => name !== 'Sources');
      for (const name of sections) {
        const start = top.findIndex((node) => node.type === 'heading' && node.attrs?.level === 2 && textOf(node) === name);
        const nextHeading = top.findIndex((node, index) => index > start && node.type === 'heading' && node.attrs?.level === 2);
        const body = top.slice(start + 1, nextHeading === -1 ? undefined : nextHeading);
        const guidance = body.flatMap((node) => guidanceNodes(node));
        expect(guidance.length, `section "${name}" has no guidance`).toBeGreaterThan(0);
      }
    });

    it('keeps guidance as empty placeholder blocks, short and never blank', () => {
      const guidance = guidanceNodes(doc);
      expect(guidance.length).toBeGreaterThanOrEqual(Math.max(1, expected.length - 1));
      for (const node of guidance) {
        const hint = String(node.attrs?.guidance);
        expect(['paragraph', 'heading']).toContain(node.type);
        expect(node.content ?? [], `guidance "${hint}" has text to delete`).toEqual([]);
        expect(hint.trim().length).toBeGreaterThan(0);
        expect(hint.length, `guidance too long: "${hint}"`).toBeLessThanOrEqual(MAX_GUIDANCE_CHARS);
      }
    });

    it('ends with a Sources heading followed by the generated sources list (except blank)', () => {
      const sourcesNodes: DocNode[] = [];
      walk(doc, (node) => {
        if (node.type === 'sourcesSection') sourcesNodes.push(node);
      });
      if (template.id === 'blank') {
        expect(sourcesNodes).toHaveLength(0);
        return;
      }
      expect(sourcesNodes).toHaveLength(1);
      const [heading, sources] = top.slice(-2);
      expect(heading?.type).toBe('heading');
      expect(heading?.attrs?.level).toBe(2);
      expect(textOf(heading ?? { type: 'none' })).toBe('Sources');
      expect(sources?.type).toBe('sourcesSection');
    });

    it('uses only known {{field}} placeholders', () => {
      const used = allStrings(template).flatMap((text) => [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((match) => match[1]));
      for (const field of used) expect(TEMPLATE_FIELDS as readonly string[]).toContain(field);
    });

    it('is fully filled by fillString and fillDoc', () => {
      const title = fillString(template.title, VALUES);
      const filled = fillDoc(doc, VALUES);
      expect(title).not.toContain('{{');
      expect(JSON.stringify(filled)).not.toContain('{{');
      expect(validateDoc(filled)).toEqual({ ok: true });
    });
  });

  it('replace the fields of a built-in title and body without touching the template', () => {
    const template = loadTemplate('situation-brief.json');
    expect(template.title).toContain('{{date}}');
    expect(fillString(template.title, VALUES)).toBe('Situation brief — 10 June 2025');

    // A copy of a built-in with a field in a text node and in guidance, as a user template would have.
    const withFields: DocNode = {
      ...template.content,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'For {{author}} ({{marking}})' }] },
        { type: 'paragraph', attrs: { guidance: 'What changed since {{date}}?' } },
        ...(template.content.content ?? []),
      ],
    };
    const before = JSON.stringify(withFields);
    const filled = fillDoc(withFields, VALUES);
    expect(textOf(filled)).toContain('For A. Analyst (TLP:AMBER)');
    expect(filled.content?.[1]?.attrs?.guidance).toBe('What changed since 10 June 2025?');
    expect(filled.content?.slice(2)).toEqual(template.content.content);
    expect(JSON.stringify(withFields)).toBe(before);
  });

  it('README example is a valid template', () => {
    const readme = readFileSync(join(TEMPLATES_DIR, 'README.md'), 'utf8');
    const example = /```json\n(\{\n {2}"schemaVersion"[\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README has no complete example').toBeDefined();
    const template = TemplateFileSchema.parse(JSON.parse(example ?? ''));
    expect(validateDoc(template.content)).toEqual({ ok: true });
    expect(guidanceNodes(template.content).length).toBeGreaterThan(0);
  });
});

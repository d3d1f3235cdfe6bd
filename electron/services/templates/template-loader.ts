import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TemplateFileSchema, type TemplateFile, type TemplateProblem, describeZodError } from '../../../core/index';
import { validateDoc } from '../../../core/editor/schema';

/** A template that loaded, and where from. */
export interface LoadedTemplate {
  template: TemplateFile;
  /** File name inside its folder. */
  file: string;
  builtIn: boolean;
}

/** Everything found in one template folder. */
export interface TemplateDirContents {
  templates: LoadedTemplate[];
  problems: TemplateProblem[];
}

/** Result of checking one template file. */
export type TemplateCheck = { ok: true; template: TemplateFile } | { ok: false; reason: string };

/**
 * Checks a template file's text: JSON, the TemplateFileSchema (core/domain/template.ts), the body
 * against the editor schema (unknown node types, bad nesting), and that the id matches the file
 * name (ids double as file names, so two files cannot claim one id).
 */
export function checkTemplateText(fileName: string, text: string): TemplateCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = TemplateFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `it does not match the template schema: ${describeZodError(parsed.error).message}` };
  const doc = validateDoc(parsed.data.content);
  if (!doc.ok) return { ok: false, reason: `its content does not fit the editor's document schema: ${doc.reason}` };
  const expected = `${parsed.data.id}.json`;
  if (basename(fileName) !== expected) return { ok: false, reason: `its id "${parsed.data.id}" does not match the file name; rename the file to ${expected}` };
  return { ok: true, template: parsed.data };
}

/**
 * Loads every `*.json` template in `dir`. A malformed file becomes a problem naming the file and the
 * reason; the others still load. A missing folder has no templates.
 */
export async function loadTemplateDir(dir: string, options: { builtIn: boolean } = { builtIn: true }): Promise<TemplateDirContents> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { templates: [], problems: [] };
    throw error;
  }
  const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  const contents: TemplateDirContents = { templates: [], problems: [] };
  for (const file of files) {
    const checked = checkTemplateText(file, await readFile(join(dir, file), 'utf8'));
    if (checked.ok) contents.templates.push({ template: checked.template, file, builtIn: options.builtIn });
    else contents.problems.push({ file, reason: checked.reason });
  }
  return contents;
}

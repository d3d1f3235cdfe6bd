import { type AnyExtension, getSchema } from '@tiptap/core';
import { Highlight } from '@tiptap/extension-highlight';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import { TextAlign } from '@tiptap/extension-text-align';
import { StarterKit } from '@tiptap/starter-kit';
import type { Schema } from '@tiptap/pm/model';
import type { DocNode } from '../domain/note';
import { Citation } from './citation';
import { Guidance } from './guidance';
import { checkUrl, describeUrlRefusal, urlPreview } from '../domain/safe-url';
import { isAllowedLinkHref } from './link-policy';
import { Provenance } from './provenance';
import { SourcesSection } from './sources-section';

/**
 * The extensions that define a note's document schema. The renderer adds UI-only extensions
 * (placeholder, character count, node views) on top; the backend, CLI and export use exactly these,
 * so a document that validates here opens in the editor.
 */
export function createSchemaExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isAllowedLinkHref(url),
        shouldAutoLink: (url) => isAllowedLinkHref(url.includes(':') ? url : `https://${url}`),
      },
      // The renderer's trailing node keeps a paragraph after tables; the schema does not need it.
      trailingNode: false,
    }),
    TableKit.configure({ table: { resizable: false } }),
    TaskList,
    TaskItem.configure({ nested: true }),
    Highlight,
    TextAlign.configure({ types: ['heading', 'paragraph'] }),
    Guidance,
    SourcesSection,
    Citation,
    Provenance,
  ];
}

let cachedSchema: Schema | null = null;

/** The ProseMirror schema of a note body (built once). */
export function noteSchema(): Schema {
  cachedSchema ??= getSchema(createSchemaExtensions());
  return cachedSchema;
}

/** Result of checking a document against the note schema. */
export type DocCheck = { ok: true } | { ok: false; reason: string };

const HEADING_LEVELS = new Set([1, 2, 3, 4]);

/**
 * Checks node types, marks and nesting against the note schema, without throwing. ProseMirror does
 * not check attribute values, so the ones a wrong value would break or make hostile are checked
 * here: heading levels, and link hrefs (the editor only makes http/https/mailto links, but
 * `notes:save` takes JSON from any caller; a javascript: link must not be stored at all).
 */
export function validateDoc(doc: DocNode): DocCheck {
  try {
    const node = noteSchema().nodeFromJSON(doc);
    node.check();
    let problem: string | null = null;
    node.descendants((child) => {
      if (problem !== null) return false;
      if (child.type.name === 'heading' && !HEADING_LEVELS.has(child.attrs.level as number)) {
        problem = `Heading level ${String(child.attrs.level)} is not allowed; use levels 1 to 4`;
      }
      for (const mark of child.marks) {
        if (problem !== null || mark.type.name !== 'link') continue;
        const href: unknown = mark.attrs.href;
        const checked = checkUrl(href);
        if (!checked.ok) problem = `The link "${urlPreview(typeof href === 'string' ? href : String(href))}" on "${urlPreview(child.textContent)}" is not allowed: ${describeUrlRefusal(checked)}`;
      }
      return true;
    });
    if (problem !== null) return { ok: false, reason: problem };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

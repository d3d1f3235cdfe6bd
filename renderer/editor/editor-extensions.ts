import type { AnyExtension, Editor } from '@tiptap/core';
import { CharacterCount, TrailingNode } from '@tiptap/extensions';
import { countWords } from '../../core/editor/doc-text';
import { createSchemaExtensions } from '../../core/editor/schema';
import { CitationKeys, CitationWithView } from './extensions/citation/citation';
import type { CitationCallbacks } from './extensions/citations-state/citation-callbacks';
import { CitationsState } from './extensions/citations-state/citations-state';
import { GuidancePlaceholder } from './extensions/guidance-placeholder/guidance-placeholder';
import { LinkHandling } from './extensions/link-handling/link-handling';
import { PasteSanitizer } from './extensions/paste-sanitizer/paste-sanitizer';
import { ProvenanceFlags } from './extensions/provenance/provenance';
import { Shortcuts } from './extensions/shortcuts/shortcuts';
import { SourcesSectionWithView } from './extensions/sources-section/sources-section';

/** What the app does for the editor: all behaviour comes in here, extensions import no stores. */
export interface EditorExtensionOptions {
  onSave?: (editor: Editor) => void;
  onLinkRequest?: (editor: Editor) => void;
  onOpenLink?: (href: string) => void;
  /** Citation and provenance behaviour (styles, library lookups, sidebar); safe defaults when absent. */
  citations?: CitationCallbacks;
}

/**
 * Block types after which the trailing paragraph is not needed: the cursor can already land there.
 * After a table, a horizontal rule or a code block it is, so the analyst can keep writing below.
 */
const NO_TRAILING_PARAGRAPH_AFTER = ['paragraph', 'heading', 'bulletList', 'orderedList', 'taskList', 'blockquote', 'sourcesSection'];

/**
 * The editor's extensions: exactly core's schema extensions (with node views swapped in by
 * `.extend`, which keeps the schema) plus UI-only ones that add no node or mark.
 */
export function createEditorExtensions(options: EditorExtensionOptions = {}): AnyExtension[] {
  const callbacks = options.citations ?? {};
  const withViews = new Map<string, AnyExtension>([
    [SourcesSectionWithView.name, SourcesSectionWithView.configure({ callbacks })],
    [CitationWithView.name, CitationWithView.configure({ callbacks })],
  ]);
  const schema = createSchemaExtensions().map((extension) => withViews.get(extension.name) ?? extension);
  return [
    ...schema,
    CitationsState.configure({ callbacks }),
    CitationKeys,
    ProvenanceFlags.configure({ callbacks }),
    GuidancePlaceholder,
    // The same word rule as the note library (core countWords), so both show the same number.
    CharacterCount.configure({ wordCounter: countWords }),
    TrailingNode.configure({ node: 'paragraph', notAfter: NO_TRAILING_PARAGRAPH_AFTER }),
    PasteSanitizer,
    LinkHandling.configure({ onOpenLink: options.onOpenLink ?? null }),
    Shortcuts.configure({ onSave: options.onSave ?? null, onLinkRequest: options.onLinkRequest ?? null }),
  ];
}

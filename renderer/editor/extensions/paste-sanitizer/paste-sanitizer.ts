import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { cleanPastedHtml } from './clean-pasted-html';

/** Options of {@link PasteSanitizer}. */
export interface PasteSanitizerOptions {
  /** The HTML cleaner; replaceable in tests, defaults to {@link cleanPastedHtml}. */
  clean: (html: string) => string;
}

/** Plugin key of the paste sanitizer, for tests and other plugins that need to find it. */
export const pasteSanitizerKey = new PluginKey('pasteSanitizer');

/**
 * Cleans every pasted or dropped HTML fragment before ProseMirror parses it: Word markup becomes
 * plain lists and headings, and nothing but the note's structure survives (see cleanPastedHtml).
 * The schema would drop unknown nodes anyway; this is the defence that does not depend on it.
 */
export const PasteSanitizer = Extension.create<PasteSanitizerOptions>({
  name: 'pasteSanitizer',

  addOptions() {
    return { clean: cleanPastedHtml };
  },

  addProseMirrorPlugins() {
    const clean = this.options.clean;
    return [
      new Plugin({
        key: pasteSanitizerKey,
        props: {
          transformPastedHTML: (html) => clean(html),
        },
      }),
    ];
  },
});

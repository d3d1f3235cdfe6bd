import { Extension, getMarkRange } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { isAllowedLinkHref } from '../../../../core/editor/link-policy';
import { normalizeLinkInput } from './normalize-link-input';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    linkHandling: {
      /**
       * Links the selection (or the link around the cursor) to what the analyst typed, normalized by
       * normalizeLinkInput; with an empty selection outside a link, inserts the address as linked
       * text. Returns false, changing nothing, when the input is not an allowed link.
       */
      applyLink: (input: string) => ReturnType;
      /** Removes the link around the cursor or in the selection. */
      removeLink: () => ReturnType;
    };
  }
}

/** Options of {@link LinkHandling}. */
export interface LinkHandlingOptions {
  /** Ctrl/Cmd+click on a link: the app opens `href` outside the editor (the system browser). */
  onOpenLink: ((href: string) => void) | null;
}

/** Plugin key of the link click handler. */
export const linkHandlingKey = new PluginKey('linkHandling');

function linkAt(view: EditorView, target: EventTarget | null): HTMLAnchorElement | null {
  if (!(target instanceof Element)) return null;
  const anchor = target.closest('a[href]');
  if (!anchor || !view.dom.contains(anchor)) return null;
  return anchor as HTMLAnchorElement;
}

/**
 * Link behaviour inside the editor: a click never navigates (the editor is for writing),
 * Ctrl/Cmd+click hands allowed links to `onOpenLink`, and commands to set or remove a link from
 * typed text. The Link mark itself (and its allowed protocols) is part of the schema.
 */
export const LinkHandling = Extension.create<LinkHandlingOptions>({
  name: 'linkHandling',

  addOptions() {
    return { onOpenLink: null };
  },

  addCommands() {
    return {
      applyLink:
        (input) =>
        ({ state, chain }) => {
          const result = normalizeLinkInput(input);
          if (!result.ok) return false;
          const { href } = result;
          const linkType = state.schema.marks.link;
          if (!linkType) return false;
          const { selection } = state;
          const insideLink = getMarkRange(selection.$from, linkType) !== undefined;
          if (selection.empty && !insideLink) {
            const text = href.startsWith('mailto:') ? href.slice('mailto:'.length) : href;
            return chain()
              .insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] })
              // The link mark is inclusive (autolink); typing after the new link must not extend it.
              .unsetMark('link')
              .run();
          }
          // setMark rather than Link's setLink: the Link typings are not imported here, and the href is
          // already checked by normalizeLinkInput. preventAutolink keeps autolink from re-linking it.
          return chain().extendMarkRange('link').setMark('link', { href }).setMeta('preventAutolink', true).run();
        },
      removeLink:
        () =>
        ({ chain }) =>
          chain().extendMarkRange('link').unsetMark('link', { extendEmptyMarkRange: true }).setMeta('preventAutolink', true).run(),
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin({
        key: linkHandlingKey,
        props: {
          handleDOMEvents: {
            click: (view, event) => {
              const anchor = linkAt(view, event.target);
              if (!anchor) return false;
              event.preventDefault();
              if (!(event.ctrlKey || event.metaKey)) return false;
              const href = anchor.getAttribute('href');
              if (isAllowedLinkHref(href) && href) options.onOpenLink?.(href);
              return true;
            },
            auxclick: (view, event) => {
              if (!linkAt(view, event.target)) return false;
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});

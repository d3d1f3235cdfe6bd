import { Extension } from '@tiptap/core';

/** Block types that can carry template guidance. */
export const GUIDANCE_TYPES = ['paragraph', 'heading'] as const;

/**
 * Template guidance: an empty paragraph with a `guidance` attribute shows that text as a
 * placeholder (renderer side, through the Placeholder extension). Typing makes the paragraph
 * non-empty, so the guidance disappears with nothing to delete; it is never exported as text.
 */
export const Guidance = Extension.create({
  name: 'guidance',

  addGlobalAttributes() {
    return [
      {
        types: [...GUIDANCE_TYPES],
        attributes: {
          guidance: {
            default: null,
            keepOnSplit: false,
            parseHTML: (element) => element.getAttribute('data-guidance'),
            renderHTML: (attributes) =>
              typeof attributes.guidance === 'string' && attributes.guidance ? { 'data-guidance': attributes.guidance } : {},
          },
        },
      },
    ];
  },
});

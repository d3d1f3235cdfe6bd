/**
 * The schema's extensions declare their commands (toggleBold, insertTable, setTextAlign…) by module
 * augmentation of @tiptap/core. The renderer sees core through its declaration output, which does
 * not import those packages, so this file brings their typings into the renderer's program.
 * Type-only: nothing is imported at run time.
 */
import type {} from '@tiptap/starter-kit';
import type {} from '@tiptap/extension-table';
import type {} from '@tiptap/extension-list';
import type {} from '@tiptap/extension-highlight';
import type {} from '@tiptap/extension-text-align';

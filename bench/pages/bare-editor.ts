// The typing baseline: a bare TipTap 3 StarterKit editor, nothing of Briefing Desk, on the same document.
import { Editor } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';

declare global {
  interface Window {
    bareEditor: Editor;
    loadDoc: (json: unknown) => void;
  }
}

const mount = document.getElementById('editor')!;
window.bareEditor = new Editor({ element: mount, extensions: [StarterKit], content: '<p></p>' });
window.loadDoc = (json) => {
  window.bareEditor.commands.setContent(json as Parameters<Editor['commands']['setContent']>[0]);
};

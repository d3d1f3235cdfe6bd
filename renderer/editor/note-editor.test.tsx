// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocNode } from '../../core/domain/note';
import { SOURCES_EMPTY_TEXT } from './extensions/sources-section/sources-section';
import { NoteEditor, WORD_COUNT_DELAY_MS, type NoteEditorProps } from './note-editor';
import { OUTLINE_DELAY_MS, OutlinePanel } from './outline-panel';
import { docOf, heading, paragraph } from './test-editor';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

beforeAll(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
});

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.useRealTimers();
});

const briefDoc: DocNode = docOf(
  heading(2, 'BLUF'),
  paragraph('', { guidance: 'The bottom line.' }),
  heading(2, 'Situation'),
  paragraph('Fighting resumed near Gao on Monday.'),
  heading(3, 'Details'),
  paragraph('Two convoys were hit.'),
  heading(2, 'Sources'),
  { type: 'sourcesSection' },
);

/** Renders and lets React node views (rendered in a microtask) settle. */
async function render(element: React.ReactElement): Promise<void> {
  await act(async () => {
    root.render(element);
    await Promise.resolve();
  });
}

/** Mounts a NoteEditor (and the outline beside it) and returns the editor it reports. */
async function mount(props: Partial<NoteEditorProps> = {}): Promise<{ editor: () => Editor; onReady: ReturnType<typeof vi.fn> }> {
  let current: Editor | null = null;
  const onReady = vi.fn((editor: Editor | null) => {
    if (editor) current = editor;
  });
  function Harness() {
    const [editor, setEditor] = useState<Editor | null>(null);
    return (
      <>
        <NoteEditor
          noteId="note-1"
          initialContent={briefDoc}
          {...props}
          onReady={(instance) => {
            onReady(instance);
            setEditor(instance);
          }}
        />
        <OutlinePanel editor={editor} />
      </>
    );
  }
  await render(<Harness />);
  return {
    editor: () => {
      if (!current) throw new Error('editor not ready');
      return current;
    },
    onReady,
  };
}

function button(label: string): HTMLButtonElement {
  const found = container.querySelector<HTMLButtonElement>(`[data-testid="editor-toolbar"] button[aria-label="${label}"]`);
  if (!found) throw new Error(`no button ${label}`);
  return found;
}

function click(element: Element): void {
  act(() => {
    element.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
}

/** Sets a React-controlled input's value the way typing does. */
function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('NoteEditor', () => {
  it('renders the toolbar, the editable body and the counts, and hands out the editor', async () => {
    const { editor, onReady } = await mount();
    expect(onReady).toHaveBeenCalledWith(editor());
    const body = container.querySelector('[data-testid="note-editor"]');
    expect(body?.getAttribute('contenteditable')).toBe('true');
    expect(container.querySelector('[data-testid="editor-toolbar"]')?.getAttribute('role')).toBe('toolbar');
    expect(container.querySelector('[data-testid="word-count"]')?.textContent).toBe('14 words');
    for (const label of ['Undo', 'Redo', 'Bold', 'Italic', 'Underline', 'Strikethrough', 'Highlight', 'Bulleted list', 'Numbered list', 'Task list', 'Quote', 'Link', 'Align left', 'Align centre', 'Align right', 'Justify', 'Insert table', 'Horizontal line']) {
      expect(button(label).getAttribute('title')).toMatch(new RegExp(`^${label}`));
    }
    expect(button('Bold').getAttribute('title')).toBe('Bold (Ctrl+B)');
    expect(button('Bold').getAttribute('aria-pressed')).toBe('false');
  });

  it('shows the Sources box as a non-editable node view', async () => {
    await mount();
    const box = container.querySelector('[data-testid="sources-section"]');
    expect(box?.textContent).toBe(SOURCES_EMPTY_TEXT);
    expect(box?.getAttribute('contenteditable')).toBe('false');
  });

  it('reports document changes, and counts words only after typing pauses', async () => {
    vi.useFakeTimers();
    const onDocChange = vi.fn();
    const { editor } = await mount({ onDocChange });
    act(() => {
      editor().chain().setTextSelection(2).insertContent('Short ').run();
    });
    expect(onDocChange).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[data-testid="word-count"]')?.textContent).toBe('14 words');
    act(() => {
      vi.advanceTimersByTime(WORD_COUNT_DELAY_MS + 10);
    });
    expect(container.querySelector('[data-testid="word-count"]')?.getAttribute('data-words')).toBe('15');
  });

  it('toolbar buttons format the selection and show the active state', async () => {
    const { editor } = await mount();
    act(() => {
      editor().commands.setTextSelection({ from: 22, to: 30 });
    });
    click(button('Bold'));
    expect(editor().isActive('bold')).toBe(true);
    expect(button('Bold').getAttribute('aria-pressed')).toBe('true');
    click(button('Highlight'));
    expect(editor().isActive('highlight')).toBe(true);
  });

  it('shows table tools only inside a table and inserts a 3×3 table with a header row', async () => {
    const { editor } = await mount();
    expect(container.querySelector('button[aria-label="Add row below"]')).toBeNull();
    act(() => {
      editor().commands.setTextSelection(22);
    });
    click(button('Insert table'));
    const table = (editor().getJSON() as DocNode).content?.find((node) => node.type === 'table');
    expect(table?.content).toHaveLength(3);
    expect(table?.content?.[0]?.content?.map((cell) => cell.type)).toEqual(['tableHeader', 'tableHeader', 'tableHeader']);
    click(button('Add row below'));
    expect((editor().getJSON() as DocNode).content?.find((node) => node.type === 'table')?.content).toHaveLength(4);
  });

  it('the link button opens a popover that refuses javascript: and applies https links', async () => {
    const { editor } = await mount();
    act(() => {
      editor().commands.setTextSelection({ from: 22, to: 30 });
    });
    click(button('Link'));
    const dialog = container.querySelector('[data-testid="link-popover"]');
    expect(dialog?.getAttribute('role')).toBe('dialog');
    const input = dialog!.querySelector('input')!;
    typeInto(input, 'javascript:alert(1)');
    act(() => {
      dialog!.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(dialog!.querySelector('[role="alert"]')?.textContent).toMatch(/not allowed/);
    expect(editor().isActive('link')).toBe(false);
    typeInto(input, 'example.com/report');
    act(() => {
      dialog!.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(container.querySelector('[data-testid="link-popover"]')).toBeNull();
    expect(editor().getAttributes('link').href).toBe('https://example.com/report');
  });

  it('Ctrl+K opens the same popover; Escape closes it', async () => {
    const { editor } = await mount();
    act(() => {
      editor().view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true, cancelable: true }));
    });
    const dialog = container.querySelector('[data-testid="link-popover"]');
    expect(dialog).not.toBeNull();
    act(() => {
      dialog!.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    expect(container.querySelector('[data-testid="link-popover"]')).toBeNull();
  });

  it('Ctrl+S calls onSaveShortcut with the editor', async () => {
    const onSaveShortcut = vi.fn();
    const { editor } = await mount({ onSaveShortcut });
    const event = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true });
    act(() => {
      editor().view.dom.dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(true);
    expect(onSaveShortcut).toHaveBeenCalledWith(editor());
  });

  it('becomes read-only without reporting a change', async () => {
    const onDocChange = vi.fn();
    let setEditable: (value: boolean) => void = () => undefined;
    let instance: Editor | null = null;
    function Harness() {
      const [editable, set] = useState(true);
      setEditable = set;
      return <NoteEditor noteId="note-1" initialContent={briefDoc} editable={editable} onDocChange={onDocChange} onReady={(e) => { if (e) instance = e; }} />;
    }
    await render(<Harness />);
    act(() => setEditable(false));
    expect(instance!.isEditable).toBe(false);
    expect(container.querySelector('[data-testid="note-editor"]')?.getAttribute('contenteditable')).toBe('false');
    expect(button('Bold').disabled).toBe(true);
    expect(onDocChange).not.toHaveBeenCalled();
  });

  it('opens a body that does not fit the schema read-only, with the reason, and never reports a change', async () => {
    const onDocChange = vi.fn();
    const broken = docOf({ type: 'paragraph', content: [{ type: 'image', attrs: { src: 'x' } }] });
    const { editor } = await mount({ initialContent: broken, onDocChange });
    expect(editor().isEditable).toBe(false);
    expect(container.querySelector('[data-testid="editor-content-error"]')?.textContent).toMatch(/could not be read/);
    expect(button('Bold').disabled).toBe(true);
    expect(onDocChange).not.toHaveBeenCalled();
  });

  it('calls onReady(null) on unmount', async () => {
    const { onReady } = await mount();
    act(() => root.render(<></>));
    expect(onReady).toHaveBeenLastCalledWith(null);
  });
});

describe('OutlinePanel', () => {
  it('lists headings indented by level, updates after a pause, and jumps to a heading', async () => {
    vi.useFakeTimers();
    const { editor } = await mount();
    const items = () => Array.from(container.querySelectorAll<HTMLButtonElement>('[data-testid="outline-item"]'));
    expect(items().map((item) => item.textContent)).toEqual(['BLUF', 'Situation', 'Details', 'Sources']);
    expect(items()[2]!.getAttribute('data-level')).toBe('3');
    expect(items()[2]!.style.paddingInlineStart).not.toBe(items()[1]!.style.paddingInlineStart);

    act(() => {
      editor().chain().setTextSelection(editor().state.doc.content.size - 1).run();
      editor().commands.setContent(docOf(heading(1, 'New title'), paragraph('x')));
    });
    // Not per keystroke: the old outline stays until the pause.
    expect(items()).toHaveLength(4);
    act(() => {
      vi.advanceTimersByTime(OUTLINE_DELAY_MS + 10);
    });
    expect(items().map((item) => item.textContent)).toEqual(['New title']);

    act(() => {
      editor().commands.setTextSelection(editor().state.doc.content.size - 1);
    });
    click(items()[0]!);
    expect(editor().state.selection.$from.parent.textContent).toBe('New title');
  });

  it('says so when the note has no headings', async () => {
    function Harness() {
      const [editor, setEditor] = useState<Editor | null>(null);
      return (
        <>
          <NoteEditor noteId="n" initialContent={docOf(paragraph('Just text'))} onReady={setEditor} />
          <OutlinePanel editor={editor} />
        </>
      );
    }
    await render(<Harness />);
    expect(container.querySelector('[data-testid="outline-item"]')).toBeNull();
    expect(container.querySelector('.bd-outline__empty')?.textContent).toMatch(/No headings yet/);
  });
});

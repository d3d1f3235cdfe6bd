import type { Editor } from '@tiptap/core';
import { redoDepth, undoDepth } from '@tiptap/pm/history';
import { useEditorState } from '@tiptap/react';
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { Icon, type IconName } from '../ui/icons';
import { shortcutLabel } from './shortcut-label';

/** Props of {@link Toolbar}. */
export interface ToolbarProps {
  editor: Editor;
  /** Opens the link popover (the same as Ctrl+K). */
  onLinkRequest: (editor: Editor) => void;
  /** Whether the note can be edited; setEditable dispatches no transaction, so it comes as a prop. */
  editable?: boolean;
}

type BlockStyle = 'paragraph' | 'h1' | 'h2' | 'h3' | 'h4' | 'other';
type Alignment = 'left' | 'center' | 'right' | 'justify';

/** What the toolbar shows; small and flat so the equality check after each transaction is cheap. */
interface ToolbarState {
  editable: boolean;
  canUndo: boolean;
  canRedo: boolean;
  block: BlockStyle;
  align: Alignment;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  highlight: boolean;
  link: boolean;
  bulletList: boolean;
  orderedList: boolean;
  taskList: boolean;
  blockquote: boolean;
  inTable: boolean;
}

/**
 * Reads the toolbar state from the selection only (never the whole document), because it runs
 * after every transaction, keystrokes included.
 */
export function selectToolbarState(editor: Editor): ToolbarState {
  const { $from } = editor.state.selection;
  const parent = $from.parent;
  let block: BlockStyle = 'other';
  if (parent.type.name === 'paragraph') block = 'paragraph';
  else if (parent.type.name === 'heading') {
    const level = Number(parent.attrs.level);
    block = level >= 1 && level <= 4 ? (`h${level}` as BlockStyle) : 'other';
  }
  const textAlign: unknown = parent.attrs.textAlign;
  const align: Alignment = textAlign === 'center' || textAlign === 'right' || textAlign === 'justify' ? textAlign : 'left';
  let inTable = false;
  for (let depth = $from.depth; depth > 0 && !inTable; depth -= 1) inTable = $from.node(depth).type.name === 'table';
  return {
    editable: editor.isEditable,
    // History depth, not `can().undo()`: `can()` builds a command chain and dry-runs it, on every keystroke.
    canUndo: undoDepth(editor.state) > 0,
    canRedo: redoDepth(editor.state) > 0,
    block,
    align,
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    underline: editor.isActive('underline'),
    strike: editor.isActive('strike'),
    highlight: editor.isActive('highlight'),
    link: editor.isActive('link'),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    taskList: editor.isActive('taskList'),
    blockquote: editor.isActive('blockquote'),
    inTable,
  };
}

interface ToolButtonProps {
  icon: IconName;
  label: string;
  shortcut?: string;
  active?: boolean;
  disabled?: boolean;
  onRun: () => void;
}

/** Keeps the editor's selection: a toolbar click must not move focus out of the text. */
function keepEditorFocus(event: MouseEvent): void {
  event.preventDefault();
}

function ToolButton({ icon, label, shortcut, active, disabled, onRun }: ToolButtonProps) {
  const title = shortcut ? `${label} (${shortcutLabel(shortcut)})` : label;
  return (
    <button
      type="button"
      className={active ? 'bd-tool is-active' : 'bd-tool'}
      aria-label={label}
      aria-pressed={active === undefined ? undefined : active}
      aria-keyshortcuts={shortcut ? shortcutLabel(shortcut, false).replace('Ctrl', 'Control') : undefined}
      title={title}
      disabled={disabled}
      onMouseDown={keepEditorFocus}
      onClick={onRun}
    >
      <Icon name={icon} />
    </button>
  );
}

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bd-toolbar__group" role="group" aria-label={label}>
      {children}
    </div>
  );
}

const BLOCK_OPTIONS: { value: BlockStyle; label: string; shortcut: string }[] = [
  { value: 'paragraph', label: 'Paragraph', shortcut: 'Mod-Alt-0' },
  { value: 'h1', label: 'Heading 1', shortcut: 'Mod-Alt-1' },
  { value: 'h2', label: 'Heading 2', shortcut: 'Mod-Alt-2' },
  { value: 'h3', label: 'Heading 3', shortcut: 'Mod-Alt-3' },
  { value: 'h4', label: 'Heading 4', shortcut: 'Mod-Alt-4' },
];

const ALIGN_BUTTONS: { value: Alignment; icon: IconName; label: string; shortcut: string }[] = [
  { value: 'left', icon: 'alignLeft', label: 'Align left', shortcut: 'Mod-Shift-l' },
  { value: 'center', icon: 'alignCenter', label: 'Align centre', shortcut: 'Mod-Shift-e' },
  { value: 'right', icon: 'alignRight', label: 'Align right', shortcut: 'Mod-Shift-r' },
  { value: 'justify', icon: 'alignJustify', label: 'Justify', shortcut: 'Mod-Shift-j' },
];

/**
 * Arrow keys move between the controls, as in the WAI-ARIA toolbar pattern (also on the select,
 * where Left/Right would otherwise change the text style unseen).
 */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const controls = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), select:not(:disabled)'));
  const index = controls.indexOf(document.activeElement as HTMLElement);
  if (index < 0 || controls.length === 0) return;
  event.preventDefault();
  let next = index;
  if (event.key === 'ArrowLeft') next = (index - 1 + controls.length) % controls.length;
  if (event.key === 'ArrowRight') next = (index + 1) % controls.length;
  if (event.key === 'Home') next = 0;
  if (event.key === 'End') next = controls.length - 1;
  controls[next]?.focus();
}

/**
 * The formatting toolbar. It re-renders only when what it shows changes (useEditorState with a
 * selection-only selector), never on every keystroke.
 */
export function Toolbar({ editor, onLinkRequest, editable = true }: ToolbarProps) {
  const state = useEditorState({ editor, selector: ({ editor: current }) => selectToolbarState(current) });
  const off = !editable || !state.editable;
  const run = (command: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => () => {
    command(editor.chain().focus()).run();
  };

  const setBlock = (value: string) => {
    const chain = editor.chain().focus();
    if (value === 'paragraph') chain.setParagraph().run();
    const level = /^h([1-4])$/.exec(value)?.[1];
    if (level) chain.setHeading({ level: Number(level) as 1 | 2 | 3 | 4 }).run();
  };

  return (
    <div className="bd-toolbar" role="toolbar" aria-label="Formatting" data-testid="editor-toolbar" onKeyDown={moveFocus}>
      <Group label="History">
        <ToolButton icon="undo" label="Undo" shortcut="Mod-z" disabled={off || !state.canUndo} onRun={run((c) => c.undo())} />
        <ToolButton icon="redo" label="Redo" shortcut="Mod-Shift-z" disabled={off || !state.canRedo} onRun={run((c) => c.redo())} />
      </Group>
      <span className="bd-toolbar__divider" aria-hidden="true" />
      <Group label="Text style">
        <select
          className="bd-toolbar__select"
          aria-label="Text style"
          title={`Text style (${shortcutLabel('Mod-Alt-0')} … ${shortcutLabel('Mod-Alt-4')})`}
          value={state.block}
          disabled={off}
          onChange={(event) => setBlock(event.target.value)}
        >
          {state.block === 'other' ? <option value="other">—</option> : null}
          {BLOCK_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Group>
      <span className="bd-toolbar__divider" aria-hidden="true" />
      <Group label="Emphasis">
        <ToolButton icon="bold" label="Bold" shortcut="Mod-b" active={state.bold} disabled={off} onRun={run((c) => c.toggleBold())} />
        <ToolButton icon="italic" label="Italic" shortcut="Mod-i" active={state.italic} disabled={off} onRun={run((c) => c.toggleItalic())} />
        <ToolButton icon="underline" label="Underline" shortcut="Mod-u" active={state.underline} disabled={off} onRun={run((c) => c.toggleUnderline())} />
        <ToolButton icon="strike" label="Strikethrough" shortcut="Mod-Shift-s" active={state.strike} disabled={off} onRun={run((c) => c.toggleStrike())} />
        <ToolButton icon="highlight" label="Highlight" shortcut="Mod-Shift-h" active={state.highlight} disabled={off} onRun={run((c) => c.toggleHighlight())} />
        <ToolButton icon="link" label="Link" shortcut="Mod-k" active={state.link} disabled={off} onRun={() => onLinkRequest(editor)} />
      </Group>
      <span className="bd-toolbar__divider" aria-hidden="true" />
      <Group label="Lists and quotes">
        <ToolButton icon="bulletList" label="Bulleted list" shortcut="Mod-Shift-8" active={state.bulletList} disabled={off} onRun={run((c) => c.toggleBulletList())} />
        <ToolButton icon="orderedList" label="Numbered list" shortcut="Mod-Shift-7" active={state.orderedList} disabled={off} onRun={run((c) => c.toggleOrderedList())} />
        <ToolButton icon="taskList" label="Task list" shortcut="Mod-Shift-9" active={state.taskList} disabled={off} onRun={run((c) => c.toggleTaskList())} />
        <ToolButton icon="blockquote" label="Quote" shortcut="Mod-Shift-b" active={state.blockquote} disabled={off} onRun={run((c) => c.toggleBlockquote())} />
      </Group>
      <span className="bd-toolbar__divider" aria-hidden="true" />
      <Group label="Alignment">
        {ALIGN_BUTTONS.map((button) => (
          <ToolButton
            key={button.value}
            icon={button.icon}
            label={button.label}
            shortcut={button.shortcut}
            active={state.align === button.value}
            disabled={off}
            onRun={run((c) => c.setTextAlign(button.value))}
          />
        ))}
      </Group>
      <span className="bd-toolbar__divider" aria-hidden="true" />
      <Group label="Insert">
        <ToolButton
          icon="table"
          label="Insert table"
          disabled={off || state.inTable}
          onRun={run((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }))}
        />
        <ToolButton icon="horizontalRule" label="Horizontal line" disabled={off} onRun={run((c) => c.setHorizontalRule())} />
      </Group>
      {state.inTable ? (
        <>
          <span className="bd-toolbar__divider" aria-hidden="true" />
          <Group label="Table">
            <ToolButton icon="rowBefore" label="Add row above" disabled={off} onRun={run((c) => c.addRowBefore())} />
            <ToolButton icon="rowAfter" label="Add row below" disabled={off} onRun={run((c) => c.addRowAfter())} />
            <ToolButton icon="rowDelete" label="Delete row" disabled={off} onRun={run((c) => c.deleteRow())} />
            <ToolButton icon="columnBefore" label="Add column left" disabled={off} onRun={run((c) => c.addColumnBefore())} />
            <ToolButton icon="columnAfter" label="Add column right" disabled={off} onRun={run((c) => c.addColumnAfter())} />
            <ToolButton icon="columnDelete" label="Delete column" disabled={off} onRun={run((c) => c.deleteColumn())} />
            <ToolButton icon="headerRow" label="Header row" disabled={off} onRun={run((c) => c.toggleHeaderRow())} />
            <ToolButton icon="tableDelete" label="Delete table" disabled={off} onRun={run((c) => c.deleteTable())} />
          </Group>
        </>
      ) : null}
    </div>
  );
}

import {
  Bold,
  Calendar,
  Check,
  Columns2PlusLeft,
  Columns2PlusRight,
  createLucideIcon,
  Ellipsis,
  FileText,
  Grid2x2X,
  Highlighter,
  Italic,
  Link,
  List,
  ListOrdered,
  ListTodo,
  Minus,
  PanelLeft,
  PanelRight,
  PanelTop,
  Plus,
  Redo2,
  RotateCcw,
  Rows2PlusBottom,
  Rows2PlusTop,
  Search,
  Settings,
  Share,
  Strikethrough,
  Table,
  TextAlignCenter,
  TextAlignEnd,
  TextAlignJustify,
  TextAlignStart,
  TextQuote,
  Trash,
  TriangleExclamationPoint,
  Underline,
  Undo2,
  X,
  type LucideIcon,
  type LucideProps,
} from 'lucide-react';
import type { ReactElement } from 'react';

/**
 * The app's one icon set: lucide (bundled, nothing fetched), drawn everywhere at this stroke width
 * so the toolbar, the panels and the dialogs match.
 */
export const ICON_STROKE_WIDTH = 1.75;

type IconProps = Omit<LucideProps, 'ref' | 'strokeWidth'>;

/**
 * An icon of the set, decorative: the button or label around it carries the accessible name, so the
 * svg is hidden from assistive technology and never takes focus.
 */
function icon(Glyph: LucideIcon, name: string, defaultSize = 16) {
  const Icon = ({ size = defaultSize, ...rest }: IconProps): ReactElement => (
    <Glyph size={size} strokeWidth={ICON_STROKE_WIDTH} aria-hidden="true" focusable="false" {...rest} />
  );
  Icon.displayName = name;
  return Icon;
}

export const PlusIcon = icon(Plus, 'PlusIcon');
export const SearchIcon = icon(Search, 'SearchIcon');
export const TrashIcon = icon(Trash, 'TrashIcon');
export const MoreIcon = icon(Ellipsis, 'MoreIcon');
export const GearIcon = icon(Settings, 'GearIcon');
export const CloseIcon = icon(X, 'CloseIcon');
export const WarningIcon = icon(TriangleExclamationPoint, 'WarningIcon');
export const RestoreIcon = icon(RotateCcw, 'RestoreIcon');
export const PanelLeftIcon = icon(PanelLeft, 'PanelLeftIcon');
export const PanelRightIcon = icon(PanelRight, 'PanelRightIcon');
export const NoteIcon = icon(FileText, 'NoteIcon');
export const CheckIcon = icon(Check, 'CheckIcon');
export const ExportIcon = icon(Share, 'ExportIcon');
export const CalendarIcon = icon(Calendar, 'CalendarIcon');

// Lucide has "insert row/column" glyphs but no "delete row/column": these two are drawn on its grid
// and rendered by it, like the rest of the set.
const RowDelete = createLucideIcon('row-delete', [
  ['rect', { x: '3', y: '8', width: '18', height: '8', rx: '1', key: 'row' }],
  ['path', { d: 'm10 10 4 4', key: 'cross-a' }],
  ['path', { d: 'm14 10-4 4', key: 'cross-b' }],
]);
const ColumnDelete = createLucideIcon('column-delete', [
  ['rect', { x: '8', y: '3', width: '8', height: '18', rx: '1', key: 'column' }],
  ['path', { d: 'm10 10 4 4', key: 'cross-a' }],
  ['path', { d: 'm14 10-4 4', key: 'cross-b' }],
]);

/** The editor toolbar's icons, by command. */
const TOOLBAR_GLYPHS = {
  undo: Undo2,
  redo: Redo2,
  bold: Bold,
  italic: Italic,
  underline: Underline,
  strike: Strikethrough,
  highlight: Highlighter,
  bulletList: List,
  orderedList: ListOrdered,
  taskList: ListTodo,
  blockquote: TextQuote,
  link: Link,
  alignLeft: TextAlignStart,
  alignCenter: TextAlignCenter,
  alignRight: TextAlignEnd,
  alignJustify: TextAlignJustify,
  table: Table,
  horizontalRule: Minus,
  rowBefore: Rows2PlusTop,
  rowAfter: Rows2PlusBottom,
  rowDelete: RowDelete,
  columnBefore: Columns2PlusLeft,
  columnAfter: Columns2PlusRight,
  columnDelete: ColumnDelete,
  headerRow: PanelTop,
  tableDelete: Grid2x2X,
} satisfies Record<string, LucideIcon>;

/** Names of the toolbar icons. */
export type IconName = keyof typeof TOOLBAR_GLYPHS;

/** A toolbar icon; decorative (the button carries the accessible name). */
export function Icon({ name }: { name: IconName }) {
  const Glyph = TOOLBAR_GLYPHS[name];
  return <Glyph className="bd-icon" size={18} strokeWidth={ICON_STROKE_WIDTH} aria-hidden="true" focusable="false" />;
}

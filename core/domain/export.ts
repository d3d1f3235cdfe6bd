import { z } from 'zod';
import { ApiErrorSchema } from '../api/result';
import { NoteIdSchema } from './note';

/** What a note exports to. */
export const ExportFormatSchema = z.enum(['pdf', 'docx', 'md', 'html']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** Paper size for PDF and DOCX (A4 outside North America, US Letter inside). */
export const PaperSchema = z.enum(['a4', 'letter']);
export type Paper = z.infer<typeof PaperSchema>;

/**
 * "Keep empty sections": false (the default) leaves out what was never filled — sections whose heading
 * is followed only by guidance, empty list items, tables with only a header row (core/export/prune-empty);
 * true exports every heading of the template as the editor shows it. The preview follows the same choice.
 */
export const KeepEmptySchema = z.boolean().default(false);

/** File extension and media type per format. */
export const EXPORT_FORMATS: Record<ExportFormat, { extension: string; mime: string; label: string }> = {
  pdf: { extension: 'pdf', mime: 'application/pdf', label: 'PDF' },
  docx: { extension: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)' },
  md: { extension: 'md', mime: 'text/markdown; charset=utf-8', label: 'Markdown' },
  html: { extension: 'html', mime: 'text/html; charset=utf-8', label: 'HTML' },
};

/**
 * One export run. Exports run as jobs so a long PDF shows progress and can be cancelled; the bytes
 * stay in the backend until the renderer takes them (`export:take`).
 */
export const ExportJobSchema = z.object({
  id: z.string(),
  noteId: NoteIdSchema,
  format: ExportFormatSchema,
  paper: PaperSchema,
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** What the export is doing now, for the progress line ("Printing pages"). */
  step: z.string(),
  percent: z.number().min(0).max(100),
  /** The suggested file name, made from the note's date and title. */
  fileName: z.string(),
  mime: z.string(),
  /** Bytes of the finished file. */
  size: z.number().int().nullable(),
  /** PDF only: pages printed. */
  pages: z.number().int().nullable(),
  failure: ApiErrorSchema.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

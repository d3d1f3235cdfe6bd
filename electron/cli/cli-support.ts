import { homedir as osHomedir } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiError, Result } from '../../core/index';
import { createBackend, type Backend } from '../container';
import { readAppVersion, type AppPaths } from '../paths';
import type { RunningServer } from '../server/http-server';
import type { PdfPrinter } from '../services/export/pdf-printer';
import { importWorkerFor } from '../services/library/import-worker-path';
import { resolveWorkspaceDir } from '../services/workspace/workspace-location';

/** The program name in messages and help. */
export const PROGRAM = 'briefing-desk';

/**
 * Exit codes: 0 success, 1 something failed at run time, 2 bad input (usage, unknown template,
 * workspace, a file the importer rejected).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Where the CLI writes and what it reads from its environment; tests pass in-memory fakes. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  /** `isTTY` (as on process.stderr) turns on progress lines during imports. */
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Stops `serve`, and cancels a running `import`, when aborted (the entry point wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal;
  /** Called once `serve` listens (tests). */
  onServerReady?: (server: RunningServer) => void;
  /** Defaults to the real home directory. */
  homedir?: string;
  /** Defaults to the folders next to this code (see resolveAppPaths). */
  paths?: AppPaths;
  /** Defaults to opening the system browser. */
  openBrowser?: (url: string) => void;
  /** Prints PDFs instead of the system Chromium (tests). */
  pdfPrinter?: PdfPrinter;
}

/** Bad input: one line on stderr, exit 2. */
export class UsageError extends Error {}

/**
 * One option of a command, as node:util's parseArgs takes it. A `multiple` string option may be
 * repeated; its values reach the command joined by commas (as if given comma-separated).
 */
export type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** Parsed option values of a command. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** A command of the CLI: its help and how it runs. */
export interface CommandSpec {
  usage: string;
  /** A shorter usage for the command list of `--help` (default: usage). */
  synopsis?: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Operands after the options (FILE…, SOURCE_ID); none when absent. */
  operands?: { name: string; min: number; max?: number };
  details: string[];
  /** Paragraph lines shown after the options in the command's help. */
  notes?: string[];
  run(values: OptionValues, context: CommandContext): Promise<number>;
}

/** What a running command gets besides its options. */
export interface CommandContext {
  io: CliIo;
  paths: AppPaths;
  workspaceFlag: string | undefined;
  /** The operands, in order (see CommandSpec.operands). */
  operands: string[];
}

/** Opens the workspace; a folder that cannot be used is bad input (exit 2), with the reason. */
async function openBackend(context: CommandContext): Promise<Backend> {
  const { io, paths } = context;
  let workspaceDir: string;
  try {
    workspaceDir = resolveWorkspaceDir({ flag: context.workspaceFlag, env: io.env, homedir: io.homedir ?? osHomedir() });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  try {
    return await createBackend({
      workspaceDir,
      builtinTemplatesDir: paths.builtinTemplatesDir,
      appVersion: readAppVersion(paths.packageJson),
      // dist/node/import-worker.mjs next to the built CLI; the .ts entry under tsx from source.
      importWorker: importWorkerFor(dirname(fileURLToPath(import.meta.url))),
      pdfPrinter: io.pdfPrinter,
      processName: 'cli',
      // A damaged file moved aside, restored or rebuilt is said at once; the command goes on (and may still exit 0).
      onProblem: (problem) => io.stderr.write(`warning: ${cell(problem.message)}\n`),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot open the workspace "${workspaceDir}": ${reason}`);
  }
}

/** Runs `body` with an open backend and always closes it (which flushes pending writes). */
export async function withBackend(context: CommandContext, body: (backend: Backend) => Promise<number>): Promise<number> {
  const backend = await openBackend(context);
  try {
    return await body(backend);
  } finally {
    await backend.close();
  }
}

/** Unwraps a dispatch result; app errors become one line (bad input → exit 2, the rest → exit 1). */
export function unwrap<T>(result: Result<unknown>): T {
  if (result.ok) return result.value as T;
  throw toCliError(result.error);
}

/** True for errors that mean "the input was wrong" (exit 2) rather than "something failed" (exit 1). */
export function isBadInput(error: ApiError): boolean {
  return error.code === 'invalid_input' || error.code === 'not_found' || error.code === 'unknown_call';
}

function toCliError(error: ApiError): Error {
  return isBadInput(error) ? new UsageError(error.message) : new Error(error.message);
}

/** C0 and C1 controls, DEL and the bidirectional controls: a terminal obeys them (ESC starts a command). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** "\u001b": how a control character without a short escape is shown. */
function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A value inside a sentence the CLI prints (a title in "Exported “…”", an error message): tabs and
 * line breaks become one space so the message stays on its line, and every other control character
 * is shown as an escape (\u001b) instead of reaching the terminal.
 */
export function cell(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ').replace(CONTROL, unicodeEscape);
}

/** Short escapes of tab-separated output; every other control character is written as \uXXXX. */
const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A plain number ("-5", "+3.25", "1e3") is read as a number by spreadsheets, never as a formula. */
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * One column of the CLI's tab-separated output (`notes`, `templates`, `events`, `sources`,
 * `extract`). Escaped so that a row is always one line with a fixed number of columns and a pasted
 * or opened file cannot run anything:
 * - backslash, tab, newline and CR become \\ \t \n \r, other control and bidirectional characters \uXXXX;
 * - a cell that begins with =, +, - or @ gets a leading ' (the spreadsheet-injection rule), so
 *   Excel, LibreOffice and Google Sheets show "=HYPERLINK(…)" as text instead of running it.
 *   A plain number such as "-5" or "+3.2" is left as it is: spreadsheets read it as a number.
 */
export function tsvCell(value: string): string {
  const escaped = value.replace(/[\\\t\n\r]/g, (char) => TSV_ESCAPES[char]!).replace(CONTROL, unicodeEscape);
  return /^[=+\-@]/.test(escaped) && !PLAIN_NUMBER.test(escaped) ? `'${escaped}` : escaped;
}

/** The one line of `--help` that describes the escaping of tab-separated output (see tsvCell). */
export const TSV_HELP_LINE =
  "Tab-separated output escapes tab, newline, CR and backslash as \\t \\n \\r \\\\ (other control characters as \\uXXXX) and puts ' before a value starting with =, +, - or @ (not before plain numbers like -5).";

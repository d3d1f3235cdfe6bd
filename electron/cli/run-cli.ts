import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { NoteSummary, TemplateProblem, TemplateSummary } from '../../core/index';
import type { Backend } from '../container';
import { resolveAppPaths } from '../paths';
import { ListenError, startServer, type RunningServer } from '../server/http-server';
import { hasDisplay, openInSystemBrowser } from '../server/open-browser';
import { EXIT, PROGRAM, TSV_HELP_LINE, UsageError, cell, tsvCell, unwrap, withBackend, type CliIo, type CommandContext, type CommandSpec, type OptionSpec, type OptionValues } from './cli-support';
import { EXPORT_COMMANDS } from './export-commands';
import { LIBRARY_COMMANDS } from './library-commands';
import { NOTE_COMMANDS } from './note-commands';

export { EXIT, PROGRAM, type CliIo } from './cli-support';

const COMMON_OPTIONS: Record<string, OptionSpec> = {
  workspace: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const COMMON_DETAILS = [
  '  --workspace DIR   the workspace folder (default: $BRIEFING_DESK_WORKSPACE,',
  '                    else $XDG_DATA_HOME/briefing-desk/workspace or ~/.local/share/briefing-desk/workspace)',
  '  -h, --help        show this help',
];

const COMMANDS: Record<string, CommandSpec> = {
  serve: {
    usage: 'serve [--port N] [--no-open]',
    summary: 'run the browser edition on 127.0.0.1 and print its address',
    options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } },
    details: ['  --port N          the port (default 0: any free port)', '  --no-open         do not open the system browser'],
    run: runServe,
  },
  templates: {
    usage: 'templates',
    summary: 'list the templates, one "id<TAB>name" line each',
    options: {},
    details: [],
    run: runTemplates,
  },
  new: {
    usage: 'new --template ID [--title T] [--marking M] [--author A]',
    summary: 'create a note from a template and print its id',
    options: { template: { type: 'string' }, title: { type: 'string' }, marking: { type: 'string' }, author: { type: 'string' } },
    details: [
      '  --template ID     the template (see "briefing-desk templates")',
      '  --title T         the title (default: the template\'s)',
      '  --marking M       handling marking, e.g. TLP:AMBER or OFFICIAL-SENSITIVE (default: from settings)',
      '  --author A        the author (default: from settings)',
    ],
    run: runNew,
  },
  notes: {
    usage: 'notes [--json]',
    summary: 'list notes, newest first: "id<TAB>title<TAB>status<TAB>updated"',
    options: { json: { type: 'boolean' } },
    details: ['  --json            print a JSON array of note summaries instead'],
    run: runNotes,
  },
  ...LIBRARY_COMMANDS,
  ...NOTE_COMMANDS,
  ...EXPORT_COMMANDS,
};

/**
 * Runs the CLI with `argv` (without node and the script) and returns the exit code. Every command
 * goes through `backend.dispatch`, so input is checked by the same contract as in the app.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const paths = io.paths ?? resolveAppPaths(fileURLToPath(new URL('.', import.meta.url)));
  try {
    const { command, rest, workspaceFlag, help } = splitCommand(argv);
    if (!command) {
      if (help) {
        io.stdout.write(topLevelHelp());
        return EXIT.ok;
      }
      throw new UsageError(`missing command — run "${PROGRAM} --help" to list them`);
    }
    const spec = COMMANDS[command];
    if (!spec) throw new UsageError(`unknown command "${command}" — run "${PROGRAM} --help" to list them`);
    const { values, operands } = parseCommandArgs(command, spec, rest);
    if (help || values.help === true) {
      io.stdout.write(commandHelp(spec));
      return EXIT.ok;
    }
    checkOperands(command, spec, operands);
    const workspace = typeof values.workspace === 'string' ? values.workspace : workspaceFlag;
    return await spec.run(values, { io, paths, workspaceFlag: workspace, operands });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${PROGRAM}: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`${PROGRAM}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

/** Finds the command, letting `--workspace DIR` and `--help` also come before it. */
function splitCommand(argv: readonly string[]): { command: string | undefined; rest: string[]; workspaceFlag: string | undefined; help: boolean } {
  let workspaceFlag: string | undefined;
  let help = false;
  let index = 0;
  for (; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (!arg.startsWith('-')) break;
    if (arg === '--help' || arg === '-h') {
      help = true;
    } else if (arg === '--workspace') {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('-')) throw new UsageError('--workspace needs a folder');
      workspaceFlag = value;
      index += 1;
    } else if (arg.startsWith('--workspace=')) {
      workspaceFlag = arg.slice('--workspace='.length);
    } else {
      throw new UsageError(`unknown option "${arg}" — run "${PROGRAM} --help"`);
    }
  }
  return { command: argv[index], rest: argv.slice(index + 1), workspaceFlag, help };
}

function parseCommandArgs(command: string, spec: CommandSpec, args: string[]): { values: OptionValues; operands: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...spec.options },
      strict: true,
      allowPositionals: spec.operands !== undefined,
    });
    // Repeated options (OptionSpec.multiple) arrive as arrays: joined, they read like "a,b".
    const flat = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value]));
    return { values: flat as OptionValues, operands: positionals };
  } catch (error) {
    throw new UsageError(describeParseError(command, error));
  }
}

/** Too few or too many operands (FILE…, SOURCE_ID) is bad input, named in one line. */
function checkOperands(command: string, spec: CommandSpec, operands: string[]): void {
  const wanted = spec.operands;
  if (!wanted) return;
  const hint = `run "${PROGRAM} ${command} --help"`;
  if (operands.length < wanted.min) throw new UsageError(`missing ${wanted.name} for "${command}" — ${hint}`);
  if (wanted.max !== undefined && operands.length > wanted.max) {
    throw new UsageError(`unexpected argument "${operands[wanted.max]}" for "${command}" — ${hint}`);
  }
}

/** node:util's parseArgs messages, in our one-line form. */
function describeParseError(command: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const hint = `run "${PROGRAM} ${command} --help"`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option "${quoted}" for "${command}" — ${hint}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}" for "${command}" — ${hint}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = /--[\w-]+/.exec(message)?.[0] ?? 'an option';
      return `${option} needs a value — ${hint}`;
    }
    default:
      return `${message.split('\n')[0]} — ${hint}`;
  }
}

function topLevelHelp(): string {
  const width = Math.max(...Object.values(COMMANDS).map((spec) => (spec.synopsis ?? spec.usage).length));
  const lines = [
    'Briefing Desk — briefing notes from templates, offline.',
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((spec) => `  ${(spec.synopsis ?? spec.usage).padEnd(width)}  ${spec.summary}`),
    '',
    'Options on every command:',
    ...COMMON_DETAILS,
    '',
    'Exit status: 0 success, 1 failure, 2 bad input (also: a file the importer rejected, no Chromium for a PDF).',
    TSV_HELP_LINE,
    `"${PROGRAM} <command> --help" shows a command's options.`,
  ];
  return `${lines.join('\n')}\n`;
}

function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${PROGRAM} ${spec.usage} [--workspace DIR]`, '', `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`, '', 'Options:', ...spec.details, ...COMMON_DETAILS];
  if (spec.notes) lines.push('', ...spec.notes);
  return `${lines.join('\n')}\n`;
}

async function listTemplates(backend: Backend): Promise<{ templates: TemplateSummary[]; problems: TemplateProblem[] }> {
  return unwrap(await backend.dispatch('templates:list', {}));
}

async function runTemplates(_values: OptionValues, context: CommandContext): Promise<number> {
  return withBackend(context, async (backend) => {
    const { templates, problems } = await listTemplates(backend);
    for (const template of templates) context.io.stdout.write(`${template.id}\t${tsvCell(template.name)}\n`);
    // The others still load; the broken files are reported on stderr so stdout stays machine-readable.
    for (const problem of problems) context.io.stderr.write(`${PROGRAM}: template ${problem.file} was skipped: ${cell(problem.reason)}\n`);
    return EXIT.ok;
  });
}

async function runNew(values: OptionValues, context: CommandContext): Promise<number> {
  const templateId = values.template;
  if (typeof templateId !== 'string' || templateId.trim() === '') {
    throw new UsageError(`missing --template ID — run "${PROGRAM} templates" to list them`);
  }
  return withBackend(context, async (backend) => {
    const { templates } = await listTemplates(backend);
    if (!templates.some((template) => template.id === templateId)) {
      throw new UsageError(`unknown template "${templateId}" — run "${PROGRAM} templates" to list them`);
    }
    const input: Record<string, string> = { templateId };
    for (const key of ['title', 'marking', 'author'] as const) {
      const value = values[key];
      if (typeof value === 'string') input[key] = value;
    }
    const note = unwrap<{ id: string }>(await backend.dispatch('notes:create', input));
    context.io.stdout.write(`${note.id}\n`);
    return EXIT.ok;
  });
}

async function runNotes(values: OptionValues, context: CommandContext): Promise<number> {
  return withBackend(context, async (backend) => {
    const { notes } = unwrap<{ notes: NoteSummary[] }>(await backend.dispatch('notes:list', { limit: 10000 }));
    const sorted = [...notes].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    if (values.json === true) {
      context.io.stdout.write(`${JSON.stringify(sorted, null, 2)}\n`);
      return EXIT.ok;
    }
    for (const note of sorted) context.io.stdout.write(`${note.id}\t${tsvCell(note.title)}\t${note.status}\t${note.updatedAt}\n`);
    return EXIT.ok;
  });
}

function parsePort(raw: string | boolean | undefined): number {
  if (raw === undefined || typeof raw === 'boolean') return 0;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${raw}")`);
  return Number(raw);
}

async function runServe(values: OptionValues, context: CommandContext): Promise<number> {
  const { io, paths } = context;
  const port = parsePort(values.port);
  return withBackend(context, async (backend) => {
    let server: RunningServer;
    try {
      server = await startServer({ backend, rendererDir: paths.rendererDir, port, log: (line) => io.stderr.write(`${line}\n`) });
    } catch (error) {
      if (error instanceof ListenError) throw new UsageError(error.message);
      throw error;
    }
    io.stdout.write(`Briefing Desk is ready at ${server.url}\n`);
    io.stderr.write(`Workspace: ${backend.workspaceDir}. Press Ctrl+C to stop.\n`);
    io.onServerReady?.(server);
    if (values['no-open'] !== true && hasDisplay(io.env)) (io.openBrowser ?? openInSystemBrowser)(server.url);
    // Once ready, not before: the printer's browser starts while the analyst opens a note, so the
    // first PDF export does not wait for it. Never rejects; closing the backend closes that browser.
    void backend.warmUp();
    await untilAborted(io.signal);
    // Stop taking requests first, then let withBackend close the backend, which flushes pending writes.
    await server.close();
    io.stderr.write('Briefing Desk stopped.\n');
    return EXIT.ok;
  });
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolveAbort) => signal.addEventListener('abort', () => resolveAbort(), { once: true }));
}

import {
  AppError,
  type ApiError,
  type CallName,
  type CallerTrust,
  type Handlers,
  type Result,
  contract,
  describeZodError,
  hostOnlyFields,
  isCallName,
} from '../../core/index';

/** Calls a contract handler by name with untrusted input; never throws. */
export type Dispatch = (name: string, rawInput: unknown) => Promise<Result<unknown>>;

/** Options for the dispatcher. */
export interface DispatcherOptions {
  /**
   * Who the host's callers are: `untrusted` for the renderer (IPC) and HTTP requests, `trusted`
   * only for this machine's own code choosing files for the analyst (the CLI, Electron main's
   * dialogs). Untrusted callers are refused the contract's host-only fields (file paths).
   */
  trust: CallerTrust;
  /** Also parse outputs against the contract (tests and development: catches a service drifting from it). */
  checkOutputs?: boolean;
  /** Called with unexpected errors (bugs), for logging. */
  onInternalError?: (name: string, error: unknown) => void;
}

/**
 * Turns the handlers into the one entry point every host uses: looks the call up, parses the input
 * with the contract's zod schema (nothing runs on bad input), runs the handler, and returns
 * `{ ok, value } | { ok: false, error }`. Errors travel as data. A host-only field (a path on
 * this machine) from an untrusted caller is refused with `forbidden` before anything is parsed.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatch {
  return async (name, rawInput) => {
    if (!isCallName(name)) {
      return fail({ code: 'unknown_call', message: `There is no API call named "${name}".` });
    }
    if (options.trust !== 'trusted') {
      const refused = refuseHostOnly(name, rawInput);
      if (refused) return fail(refused);
    }
    const spec = contract[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const { message, issues } = describeZodError(parsed.error);
      return fail({ code: 'invalid_input', message: `${name}: ${message}`, issues });
    }
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      if (options.checkOutputs) {
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          const { message } = describeZodError(checked.error);
          throw new Error(`${name} returned a value that breaks the contract: ${message}`);
        }
      }
      return { ok: true, value };
    } catch (error) {
      return fail(toApiError(name, error, options));
    }
  };
}

/** `forbidden` when an untrusted caller sent a field only trusted hosts may send (even with an empty value). */
function refuseHostOnly(name: CallName, rawInput: unknown): ApiError | null {
  if (typeof rawInput !== 'object' || rawInput === null) return null;
  for (const [field, instead] of Object.entries(hostOnlyFields(name))) {
    if (!Object.prototype.hasOwnProperty.call(rawInput, field) || (rawInput as Record<string, unknown>)[field] === undefined) continue;
    return {
      code: 'forbidden',
      message: `${name}: "${field}" names a file on this computer, which only Briefing Desk itself may choose (the command line, the desktop app's file dialog). ${instead}`,
      issues: [{ path: field, message: 'not allowed from the app window or over HTTP' }],
    };
  }
  return null;
}

function fail(error: ApiError): Result<never> {
  return { ok: false, error };
}

/** Maps a thrown value to an error a person can act on. */
export function toApiError(name: CallName | string, error: unknown, options: Pick<DispatcherOptions, 'onInternalError'> = {}): ApiError {
  if (error instanceof AppError) return error.toJSON();
  const nodeError = error as NodeJS.ErrnoException | undefined;
  if (nodeError && typeof nodeError.code === 'string') {
    const io = describeIoError(nodeError);
    if (io) return { code: 'io', message: io };
  }
  options.onInternalError?.(name, error);
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `${name} failed unexpectedly: ${detail}` };
}

/** Disk errors in words, with what to do about them. */
export function describeIoError(error: NodeJS.ErrnoException): string | null {
  const where = error.path ? ` (${error.path})` : '';
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return `Briefing Desk is not allowed to write to the workspace${where}. Check the folder's permissions or choose another workspace.`;
    case 'ENOSPC':
      return `The disk is full${where}. Free some space; your last changes are kept in the editor until a save succeeds.`;
    case 'EROFS':
      return `The workspace is on a read-only disk${where}. Choose a writable folder.`;
    case 'ENOENT':
      return `A workspace file or folder is missing${where}. Was the workspace moved or deleted while the app was open?`;
    default:
      return null;
  }
}

import {
  AppError,
  type ApiError,
  type CallName,
  type Handlers,
  type Result,
  contract,
  describeZodError,
  isCallName,
} from '../../core/index';

/** Calls a contract handler by name with untrusted input; never throws. */
export type Dispatch = (name: string, rawInput: unknown) => Promise<Result<unknown>>;

/** Options for the dispatcher. */
export interface DispatcherOptions {
  /** Also parse outputs against the contract (tests and development: catches a service drifting from it). */
  checkOutputs?: boolean;
  /** Called with unexpected errors (bugs), for logging. */
  onInternalError?: (name: string, error: unknown) => void;
}

/**
 * Turns the handlers into the one entry point every host uses: looks the call up, parses the input
 * with the contract's zod schema (nothing runs on bad input), runs the handler, and returns
 * `{ ok, value } | { ok: false, error }`. Errors travel as data.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return async (name, rawInput) => {
    if (!isCallName(name)) {
      return fail({ code: 'unknown_call', message: `There is no API call named "${name}".` });
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

function fail(error: ApiError): Result<never> {
  return { ok: false, error };
}

/** Maps a thrown value to an error a person can act on. */
export function toApiError(name: CallName | string, error: unknown, options: DispatcherOptions = {}): ApiError {
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

import { z } from 'zod';

/** Error kinds a caller can branch on. Messages are for people; codes are for code. */
export const ApiErrorCodeSchema = z.enum([
  'invalid_input', // the request does not match the contract
  'unknown_call', // no such `domain:verb`
  'not_found', // the note, template or revision does not exist
  'conflict', // the thing changed or exists already
  'forbidden', // e.g. deleting a built-in template
  'corrupt', // a workspace file did not parse and was quarantined
  'io', // the disk said no (permissions, full disk…)
  'unauthorized', // browser edition: no or wrong token
  'unavailable', // a program the request needs is not installed (no Chromium to print a PDF)
  'cancelled', // the analyst cancelled the work
  'internal', // a bug: the message says what failed
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

/** An error as it travels: data, never a thrown exception across the boundary. */
export const ApiErrorSchema = z.object({
  code: ApiErrorCodeSchema,
  message: z.string(),
  /** For invalid_input: which fields and why. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The envelope of every answer. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside services; the dispatcher turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiError['issues'];

  constructor(code: ApiErrorCode, message: string, issues?: ApiError['issues']) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }

  /** The wire form. */
  toJSON(): ApiError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

/** Formats zod issues as `field: reason` lines a person can act on. */
export function describeZodError(error: z.ZodError): { message: string; issues: NonNullable<ApiError['issues']> } {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const first = issues[0];
  const message = first ? `${first.path}: ${first.message}` : 'The request is not valid';
  return { message: issues.length > 1 ? `${message} (and ${issues.length - 1} more)` : message, issues };
}

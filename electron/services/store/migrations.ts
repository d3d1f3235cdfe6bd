/*
 * Every workspace file carries `schemaVersion`. A file without one is version 0 (the shape before
 * versioning: a bare object). Migrations are plain functions from version n to n + 1; they run
 * whenever a file is read, and the store writes the migrated file back (keeping the old one as .bak).
 */

/** A JSON object as read from disk. */
export type JsonObject = Record<string, unknown>;

/** Turns a file of version n into version n + 1. */
export type Migration = (data: JsonObject) => JsonObject;

/** How one kind of file evolves. */
export interface MigrationPlan {
  /** The version this app writes. */
  current: number;
  /** `steps[n]` migrates version n to n + 1. */
  steps: Record<number, Migration>;
}

/** The file does not have the shape of any version (not an object, bad version number). */
export class UnmigratableError extends Error {}

/** The file was written by a newer app; it must be left alone, not treated as corrupt. */
export class NewerVersionError extends Error {
  constructor(
    readonly version: number,
    readonly current: number,
  ) {
    super(`it was written by a newer version of Briefing Desk (file format ${version}; this version reads up to ${current})`);
  }
}

/** The version a file declares; 0 when it declares none. */
export function versionOf(data: JsonObject): number {
  return data.schemaVersion === undefined ? 0 : Number(data.schemaVersion);
}

/** Brings parsed JSON up to `plan.current`. `from` says which version the file was. */
export function migrate(raw: unknown, plan: MigrationPlan): { data: JsonObject; from: number } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UnmigratableError('it is not a JSON object');
  const from = versionOf(raw as JsonObject);
  if (!Number.isInteger(from) || from < 0) throw new UnmigratableError(`its schemaVersion ${String((raw as JsonObject).schemaVersion)} is not a version number`);
  if (from > plan.current) throw new NewerVersionError(from, plan.current);
  let data = raw as JsonObject;
  for (let version = from; version < plan.current; version += 1) {
    const step = plan.steps[version];
    if (!step) throw new UnmigratableError(`there is no migration from file format ${version}`);
    data = { ...step(data), schemaVersion: version + 1 };
  }
  return { data, from };
}

/** The usual first step: a bare v0 object becomes `{ schemaVersion: 1, [key]: object }`. */
export function wrapAs(key: string): Migration {
  return (data) => {
    const { schemaVersion: _ignored, ...rest } = data;
    return { [key]: rest };
  };
}

import { describe, expect, it } from 'vitest';
import { type MigrationPlan, NewerVersionError, UnmigratableError, migrate, versionOf, wrapAs } from './migrations';

const plan: MigrationPlan = {
  current: 2,
  steps: {
    0: wrapAs('note'),
    1: (data) => ({ ...data, note: { ...(data.note as object), migratedToTwo: true } }),
  },
};

describe('migrate', () => {
  it('treats a file without schemaVersion as version 0 and runs every step', () => {
    const { data, from } = migrate({ id: 'n-1', title: 'Old' }, plan);
    expect(from).toBe(0);
    expect(data).toEqual({ schemaVersion: 2, note: { id: 'n-1', title: 'Old', migratedToTwo: true } });
  });

  it('runs only the steps a versioned file needs', () => {
    const { data, from } = migrate({ schemaVersion: 1, note: { id: 'n-1' } }, plan);
    expect(from).toBe(1);
    expect(data).toEqual({ schemaVersion: 2, note: { id: 'n-1', migratedToTwo: true } });
  });

  it('leaves a current file as it is', () => {
    const file = { schemaVersion: 2, note: { id: 'n-1' } };
    expect(migrate(file, plan)).toEqual({ data: file, from: 2 });
  });

  it('refuses files from a newer app without calling them corrupt', () => {
    expect(() => migrate({ schemaVersion: 3 }, plan)).toThrow(NewerVersionError);
  });

  it('rejects what is not a versioned JSON object', () => {
    expect(() => migrate([1, 2], plan)).toThrow(UnmigratableError);
    expect(() => migrate('text', plan)).toThrow(UnmigratableError);
    expect(() => migrate({ schemaVersion: 'one' }, plan)).toThrow(UnmigratableError);
    expect(() => migrate({}, { current: 1, steps: {} })).toThrow(/no migration from file format 0/);
  });

  it('reads the declared version', () => {
    expect(versionOf({})).toBe(0);
    expect(versionOf({ schemaVersion: 4 })).toBe(4);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Real-world samples (test-fixtures/real/, with their provenance in its README). */
export const REAL_DIR = fileURLToPath(new URL('../../../../test-fixtures/real/', import.meta.url));

/** Hand-made fixtures of this folder. */
export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function readReal(name: string): Uint8Array {
  return new Uint8Array(readFileSync(REAL_DIR + name));
}

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURE_DIR + name));
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** The parts one after another, in one array. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A GDELT 2.0 file of `rows` rows made from the real sample rows with fresh GLOBALEVENTIDs (the way
 * the benchmark builds its 100,000-row file).
 */
export function makeGdeltFile(rows: number): Uint8Array {
  const lines = Buffer.from(readReal('gdelt2-sample-head50.export.CSV')).toString('utf8').trim().split('\n');
  const out: string[] = new Array<string>(rows);
  for (let i = 0; i < rows; i++) {
    const line = lines[i % lines.length]!;
    out[i] = `${900000000 + i}${line.slice(line.indexOf('\t'))}`;
  }
  return new Uint8Array(Buffer.from(`${out.join('\n')}\n`, 'utf8'));
}

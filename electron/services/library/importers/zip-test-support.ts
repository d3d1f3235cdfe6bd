import { randomBytes } from 'node:crypto';
import { deflateSync } from 'fflate';

/**
 * Zip archives for tests, bombs included, built in milliseconds: the entries' header fields are
 * written as given, so a test can make a header lie about sizes without inflating gigabytes.
 */

/** One entry as it goes into the archive. */
export interface TestZipEntry {
  name: string;
  /** The stored bytes: raw DEFLATE for method 8. */
  data: Uint8Array;
  method?: 0 | 8;
  /** Declared uncompressed size (default: what `data` inflates to is unknown here, so required for 8). */
  size: number;
  /** Declared compressed size (default `data.length`); the archive is padded when it is larger. */
  compressedSize?: number;
}

/** A deflated entry of `bytes`, declaring their true size. */
export function deflatedEntry(name: string, bytes: Uint8Array): TestZipEntry {
  return { name, data: deflateSync(bytes), method: 8, size: bytes.length };
}

let zeros: { size: number; data: Uint8Array } | null = null;

/** Raw DEFLATE of `size` zero bytes (cached: the bombs reuse it). */
export function deflatedZeros(size: number): Uint8Array {
  if (zeros?.size !== size) zeros = { size, data: deflateSync(new Uint8Array(size), { level: 1 }) };
  return zeros.data;
}

function put16(view: DataView, at: number, value: number): void {
  view.setUint16(at, value, true);
}

function put32(view: DataView, at: number, value: number): void {
  view.setUint32(at, value >>> 0, true);
}

/** The archive: local headers and data, central directory, end record (entry count as given or counted). */
export function buildZip(entries: readonly TestZipEntry[], options: { declaredCount?: number } = {}): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const compressedSize = entry.compressedSize ?? entry.data.length;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    put32(lv, 0, 0x04034b50);
    put16(lv, 4, 20);
    put16(lv, 8, entry.method ?? 8);
    put32(lv, 18, compressedSize);
    put32(lv, 22, entry.size);
    put16(lv, 26, name.length);
    local.set(name, 30);
    const padding = new Uint8Array(Math.max(0, compressedSize - entry.data.length));
    const record = new Uint8Array(46 + name.length);
    const cv = new DataView(record.buffer);
    put32(cv, 0, 0x02014b50);
    put16(cv, 4, 20);
    put16(cv, 6, 20);
    put16(cv, 10, entry.method ?? 8);
    put32(cv, 20, compressedSize);
    put32(cv, 24, entry.size);
    put16(cv, 28, name.length);
    put32(cv, 42, offset);
    record.set(name, 46);
    central.push(record);
    parts.push(local, entry.data, padding);
    offset += local.length + entry.data.length + padding.length;
  }
  const centralSize = central.reduce((sum, record) => sum + record.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  put32(ev, 0, 0x06054b50);
  const count = options.declaredCount ?? entries.length;
  put16(ev, 8, Math.min(count, 0xffff));
  put16(ev, 10, Math.min(count, 0xffff));
  put32(ev, 12, centralSize);
  put32(ev, 16, offset);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const MB = 1024 * 1024;

/**
 * The zip bombs every import path must refuse, each a few MB at most: name → archive. `zeros`
 * (16 MB of zeros deflated, ~16 KB) is the payload that inflates ~1000×.
 */
export function zipBombs(): Record<string, Uint8Array> {
  const payload = deflatedZeros(16 * MB);
  const many = Array.from({ length: 5000 }, (_, i) => ({ name: `part-${i}.CSV`, data: new Uint8Array(0), method: 0 as const, size: 0 }));
  const mixed = new Uint8Array(18 * MB);
  mixed.set(randomBytes(2 * MB));
  const inner = buildZip([{ name: 'inner.export.CSV', data: payload, size: 16 * MB }]);
  return {
    // A 3 GiB entry in a small archive: refused from its declared size, nothing inflated.
    'declares 3 GiB': buildZip([{ name: 'big.export.CSV', data: payload, size: 3 * 1024 * MB }]),
    // The header says 1 MB; the data inflates to 16 MB: stopped once it passes what it declares.
    'lies about its size': buildZip([{ name: 'small.export.CSV', data: payload, size: MB }]),
    // Declared sizes look like text (16 MB from 1 MB, padded), the data inflates 1000×: stopped by the ratio while inflating.
    'ratio bomb': buildZip([{ name: 'ratio.export.CSV', data: payload, size: 16 * MB, compressedSize: MB }]),
    // 2 MB of incompressible data, then 16 MB of zeros: as a whole only ~9×, but its zeros inflate 1000×.
    'bomb after normal data': buildZip([{ name: 'mixed.export.CSV', data: deflateSync(mixed, { level: 1 }), size: mixed.length }]),
    'many entries': buildZip(many),
    'nested zip (named .zip)': buildZip([deflatedEntry('inner.zip', inner)]),
    'nested zip (named .CSV)': buildZip([deflatedEntry('inner.export.CSV', inner)]),
    'ZIP64 entry count': buildZip([deflatedEntry('a.export.CSV', new Uint8Array(10))], { declaredCount: 0xffff }),
  };
}

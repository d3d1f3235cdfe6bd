import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName, contract } from '../../core/api/contract';
import { ApiErrorCodeSchema } from '../../core/api/result';
import { createBackend, type Backend } from '../container';
import { listFiles } from '../services/testing/fixtures';
import { startServer, type RunningServer } from './http-server';

/**
 * Fuzzes every call of core/api/contract.ts through the real HTTP server: payloads generated from
 * each call's zod input schema (via its JSON Schema), then broken — wrong types, missing and extra
 * fields, huge strings, path-like ids, `__proto__`/`constructor` keys, NaN/Infinity, deep nesting.
 * Every answer must be a success or `{ok:false,error:{code,message}}` with a known code other than
 * `internal`, never a 500 or a hung request, and an error answer must leave the workspace as it was.
 * Seeded: fast-check prints `seed` and `path` on failure; FUZZ_SEED=<n> runs another seed.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS_PER_CALL = 24;
/** A request that takes longer than this counts as hung. */
const HUNG_MS = 15_000;

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

/** A value meant to pass `schema` (patterns, enums, bounds), kept small. */
function validish(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options && options.length > 0) return fc.oneof(...options.map((option) => validish(option, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((value) => value.length <= (schema.maxLength ?? Infinity));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(maxLength, schema.minLength ?? 0) });
    }
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth > 4 || !schema.items) return fc.constant([]);
      return fc.array(validish(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)) });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const keys = Object.keys(properties);
      return fc.record(Object.fromEntries(keys.map((key) => [key, validish(properties[key]!, depth + 1)])), { requiredKeys: keys.filter((key) => required.has(key)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Strings that try to name files, escape folders or smuggle control characters. */
const PATH_LIKE = ['../../x', '../../../../etc/passwd', '/etc/hostname', '/dev/zero', 'C:\\Windows\\win.ini', '..\\..\\x', 'a/../../b', '%2e%2e%2fx', 'ab\u0000cd', 'CON', 'nul', '.', '..', '~/.ssh/id_rsa', 'file:///etc/passwd', '\u202Eexe.txt'];

/** A hostile value for one field. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...PATH_LIKE),
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, '', ' ', [], {}, [null], { length: 1e9 }),
  fc.integer({ min: 1000, max: 600_000 }).map((size) => 'x'.repeat(size)),
  fc.integer({ min: 100, max: 2000 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown),
  fc.integer({ min: 100, max: 2000 }).map((depth) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Raw JSON tokens that JSON.stringify cannot make: sent by text substitution. */
const RAW_TOKENS = ['NaN', 'Infinity', '-Infinity', '1e999', 'undefined', '0x10', '"\\ud800"'];
const PLACEHOLDER = '"__FUZZ_RAW__"';

interface Payload {
  describe: string;
  body: string;
  /** An id field set to a path-like string: it must be refused before any file operation. */
  pathLikeId?: boolean;
}

/** Payloads for one call: valid-ish objects, then one of many breakages. */
function payloadsFor(name: CallName): fc.Arbitrary<Payload> {
  const schema = z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const keys = Object.keys(schema.properties ?? {});
  const base = validish(schema).map((value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}));
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('id');
  const json = (describe: string, value: unknown): Payload => ({ describe, body: JSON.stringify(value) });
  return fc.oneof(
    base.map((value) => json('schema-valid', value)),
    fc.tuple(base, key, hostileValue).map(([value, field, hostile]) => json(`${field} = hostile`, { ...value, [field]: hostile })),
    fc.tuple(base, key, fc.constantFrom(...PATH_LIKE)).map(([value, field, path]) => ({ ...json(`${field} = ${JSON.stringify(path)}`, { ...value, [field]: path }), pathLikeId: /^(id|\w+Id)$/.test(field) })),
    fc.tuple(base, key).map(([value, field]) => {
      const { [field]: _dropped, ...rest } = value;
      return json(`without ${field}`, rest);
    }),
    fc.tuple(base, fc.constantFrom('path', 'extra', 'token', 'workspaceDir', 'fileName')).map(([value, extra]) => json(`extra field ${extra}`, { ...value, [extra]: '/etc/hostname' })),
    fc.tuple(base, fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([value, polluting]) => ({
      describe: `"${polluting}" key`,
      // JSON.stringify drops a __proto__ own key made by a literal, so it is spliced into the text.
      body: JSON.stringify(value).replace(/^\{/, `{"${polluting}":{"isAdmin":true,"polluted":true,"toString":"x"}${Object.keys(value).length > 0 ? ',' : ''}`),
    })),
    fc.tuple(base, key, fc.constantFrom(...RAW_TOKENS)).map(([value, field, token]) => ({ describe: `${field} = ${token}`, body: JSON.stringify({ ...value, [field]: '__FUZZ_RAW__' }).replace(PLACEHOLDER, token) })),
    fc.constantFrom('', 'null', '[]', '"text"', '42', '{', '{"a":}', '\u0000', '{}'.repeat(3)).map((body) => ({ describe: `body ${JSON.stringify(body)}`, body })),
    fc.integer({ min: 1000, max: 5000 }).map((depth) => ({ describe: `body nested ${depth} deep`, body: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` })),
  );
}

/** Every file under the workspace with the SHA-256 of its contents. */
async function snapshot(dir: string): Promise<string[]> {
  const files = await listFiles(dir).catch(() => [] as string[]);
  return Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(join(dir, file)).catch(() => Buffer.from('(gone)'));
      return `${file} ${createHash('sha256').update(bytes).digest('hex')}`;
    }),
  );
}

let root: string;
let workspaceDir: string;
let backend: Backend;
let server: RunningServer;

interface Reply {
  status: number;
  body: string;
}

function post(name: string, body: string): Promise<Reply> {
  return new Promise((resolveReply, rejectReply) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${name}`, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, timeout: HUNG_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolveReply({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${name}: no answer within ${HUNG_MS} ms (hung request)`)));
    req.on('error', rejectReply);
    req.end(body);
  });
}

/** Waits for import and export jobs started by successful calls, so their writes are not blamed on a later error. */
async function settle(): Promise<void> {
  await Promise.all(backend.services.imports.list().map((job) => backend.services.imports.wait(job.id).catch(() => undefined)));
}

const counts = new Map<string, { sent: number; ok: number; refused: Map<string, number> }>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bd-contract-fuzz-'));
  workspaceDir = join(root, 'workspace');
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Briefing Desk</title>');
  backend = await createBackend({ workspaceDir, builtinTemplatesDir: resolve(__dirname, '..', '..', 'templates'), appVersion: '0.0.0-test' });
  server = await startServer({ backend, rendererDir, port: 0 });
  // Something to find, change or delete: the sample library and one note.
  const sample = await backend.dispatch('library:load-sample', {});
  if (!sample.ok) throw new Error(sample.error.message);
});

afterAll(async () => {
  await settle();
  await server.close();
  await backend.close();
  await rm(root, { recursive: true, force: true });
  for (const [name, count] of counts) {
    const refused = [...count.refused.entries()].map(([code, n]) => `${code} ${n}`).join(', ');
    console.log(`fuzz call ${name}: ${count.sent} payloads, ${count.ok} succeeded, ${count.sent - count.ok} refused (${refused || 'none'}), 0 internal errors (seed ${SEED})`);
  }
});

/** Error codes a generated payload may get; `internal` is a bug by definition. */
const EXPECTED_CODES = new Set(ApiErrorCodeSchema.options.filter((code) => code !== 'internal'));

describe('HTTP contract fuzz: every call answers generated payloads with a typed error or success', () => {
  it.each(CALL_NAMES.map((name) => [name]))('%s', async (name) => {
    const count = { sent: 0, ok: 0, refused: new Map<string, number>() };
    counts.set(name, count);
    await fc.assert(
      fc.asyncProperty(payloadsFor(name), async (payload) => {
        await settle();
        // The whole temp root, not only the workspace: a path-like id must not write beside it either.
        const before = await snapshot(root);
        const reply = await post(name, payload.body);
        count.sent += 1;
        const where = `${name} [${payload.describe}] ${payload.body.slice(0, 300)}`;
        expect(reply.status, `${where}: HTTP ${reply.status} ${reply.body.slice(0, 300)}`).toBeLessThan(500);
        const answer = JSON.parse(reply.body) as { ok: boolean; error?: { code: string; message: string } };
        if (answer.ok) {
          count.ok += 1;
          // Issue 10 §1: a request never names a file on the analyst's disk.
          if (name === 'import:start' && /"path"\s*:/.test(payload.body)) {
            throw new Error(`${where}: import:start over HTTP accepted a path`);
          }
          return;
        }
        expect(EXPECTED_CODES.has(answer.error!.code as never), `${where}: ${reply.body.slice(0, 300)}`).toBe(true);
        expect(typeof answer.error!.message === 'string' && answer.error!.message.length > 0, where).toBe(true);
        count.refused.set(answer.error!.code, (count.refused.get(answer.error!.code) ?? 0) + 1);
        const after = await snapshot(root);
        expect(after, `${where}: the workspace changed on an error answer`).toEqual(before);
        // Issue 10 §1: ids are checked by their schema before any file operation, so a path-like id
        // is invalid input (or names nothing), never a disk error.
        expect(!payload.pathLikeId || ['invalid_input', 'not_found', 'forbidden'].includes(answer.error!.code), `${where}: ${reply.body.slice(0, 300)}`).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS_PER_CALL, endOnFailure: true },
    );
  }, 60_000);
});

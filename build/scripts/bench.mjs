// `npm run bench`: installs/builds if needed, then runs bench/run.ts with tsx.
import { ensure } from './ensure.mjs';
import { ROOT } from './lib.mjs';
import { runForeground } from './run-child.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

await ensure({ quiet: true });
// The bench imports the app's code, which imports the shipped .csl styles as text: the hook that
// does so goes in NODE_OPTIONS so that the bench's own child processes (also tsx) have it too.
const textImport = `--import=${pathToFileURL(join(ROOT, 'build', 'scripts', 'text-import-register.mjs')).href}`;
const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, textImport].filter(Boolean).join(' ') };
runForeground(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'run.ts'), ...process.argv.slice(2)], { env });

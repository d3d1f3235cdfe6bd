// `npm run bench`: installs/builds if needed, then runs bench/run.ts with tsx.
import { ensure } from './ensure.mjs';
import { ROOT } from './lib.mjs';
import { runForeground } from './run-child.mjs';
import { join } from 'node:path';

await ensure({ quiet: true });
runForeground(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'run.ts'), ...process.argv.slice(2)]);

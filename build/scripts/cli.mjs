// `npm run cli -- <command>`: installs/builds quietly if needed, then runs the built CLI
// (dist/node/cli.mjs) with the arguments. Build messages go to stderr; stdout is the CLI's.
import { ensure } from './ensure.mjs';
import { OUT } from './lib.mjs';
import { runForeground } from './run-child.mjs';

await ensure({ quiet: true });
runForeground(process.execPath, [OUT.cli, ...process.argv.slice(2)]);

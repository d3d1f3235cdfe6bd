import { runCli } from './run-cli';

/**
 * The `briefing-desk` executable (bundled to dist/node/cli.mjs). SIGINT/SIGTERM stop `serve`
 * gracefully: the server closes, then the backend flushes pending writes. A second signal while
 * that runs exits at once.
 */
const stop = new AbortController();
let signalled = false;
const onSignal = (): void => {
  if (signalled) process.exit(130);
  signalled = true;
  stop.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// `briefing-desk events | head` closes the pipe early: the reader has what it wanted, so stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal }).then(
  (code) => {
    process.exitCode = code;
    // Nothing should be left running; if a stray handle were, it must not keep the CLI alive.
    setTimeout(() => process.exit(code), 1000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`briefing-desk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

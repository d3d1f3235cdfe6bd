// Runs a child with our stdio, forwards termination signals to it, and exits with its code.
import { spawn } from 'node:child_process';

/** Spawns `command args` in the foreground and never returns: the process exits with the child's status. */
export function runForeground(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  // Ctrl+C reaches the child directly (same process group); a SIGTERM sent to us is passed on.
  const forward = (signal) => {
    if (child.exitCode === null) child.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`Could not start ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const name of signals) process.off(name, forward);
    process.exit(code ?? (signal ? 128 + 15 : 1));
  });
  return child;
}

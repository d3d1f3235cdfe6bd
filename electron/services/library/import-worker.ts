import { parentPort, workerData } from 'node:worker_threads';
import { type ParseJobInput, runParse } from './import-protocol';

/*
 * The worker-thread entry of an import's parse step (bundled on its own as dist/node/import-worker.mjs;
 * run from source with tsx). It parses the bytes it is given and posts progress and the result;
 * cancelling terminates the thread, so nothing here needs to poll.
 */
if (parentPort) {
  const port = parentPort;
  runParse(workerData as ParseJobInput, (message, transfer) => port.postMessage(message, transfer), undefined, true);
}

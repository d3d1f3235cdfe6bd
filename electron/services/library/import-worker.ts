import { parentPort, workerData } from 'node:worker_threads';
import type * as ProtocolModule from './import-protocol';
import type { ParseJobInput, PartRequest, WorkerMessage } from './import-protocol';
import { runPartParse } from './import-part';
import { encodeEventsSegment, encodeSourcesSegment } from './import-segments';
import type { PrebuiltSegment } from './library-files';

/*
 * The worker-thread entry of an import's parse step (bundled on its own as dist/node/import-worker.mjs;
 * run from source with tsx). It parses the bytes it is given and posts progress and the result;
 * cancelling terminates the thread, so nothing here needs to poll. A worker given a part of a big
 * GDELT file then makes its part's segments of the data files (import-segments.ts) when asked,
 * while the backend merges, and waits to be terminated.
 */
if (parentPort) {
  const port = parentPort;
  const post = (message: WorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);
  const input = workerData as ParseJobInput;
  // Whole files load every importer; parts only the GDELT parser (import-part.ts).
  if (!input.part) void loadProtocol().then(({ runParse }) => runParse(input, post, undefined, true));
  const part = input.part ? runPartParse(input, post) : null;
  if (part) {
    const transferOf = (segment: PrebuiltSegment | null): ArrayBuffer[] => (segment ? [segment.head.buffer as ArrayBuffer, segment.tail.buffer as ArrayBuffer] : []);
    const attempt = <T>(make: () => T): T | null => {
      try {
        return make();
      } catch {
        // The backend then encodes the file itself.
        return null;
      }
    };
    port.on('message', (request: PartRequest) => {
      if (request.type !== 'encode-segments') return;
      const { turn, index } = request;
      // Wait for the parts before this one: two encoding threads beside the backend's merge would
      // take a third of its core on a two-core machine.
      for (let done = Atomics.load(turn, 0); done < index; done = Atomics.load(turn, 0)) Atomics.wait(turn, 0, done, 5_000);
      const events = attempt(() => encodeEventsSegment(part));
      const sources = events ? attempt(() => encodeSourcesSegment(part, request.skip)) : null;
      Atomics.add(turn, 0, 1);
      Atomics.notify(turn, 0);
      post({ type: 'segments', events, sources }, [...transferOf(events), ...transferOf(sources)]);
    });
  }
}

/**
 * import-protocol.ts (every importer), loaded when a whole file is to be parsed. In the bundles a
 * dynamic import is evaluated lazily from the same file; a development worker runs under tsx's
 * CommonJS hook, where import() goes to Node's own loader (which cannot resolve a .ts file) and
 * require, which the hook serves, is the way.
 */
async function loadProtocol(): Promise<typeof ProtocolModule> {
  try {
    return await import('./import-protocol');
  } catch (error) {
    if (typeof require !== 'function') throw error;
    const load = require;
    return load('./import-protocol') as typeof ProtocolModule;
  }
}

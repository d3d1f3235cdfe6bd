// The library rows in a process of their own, as the app's backend is: in the bench's main process
// the earlier benches' heap (the sidebar's 100,000-event fixture, traces) would slow the import's
// garbage collection and measure that instead. Prints the rows and notes as one JSON line.
import { libraryBench } from './library';

const result = await libraryBench();
process.stdout.write(`${JSON.stringify(result)}\n`);

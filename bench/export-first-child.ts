// One run of `pdf_first_ms` in a Node process of its own: a session's first PDF export is also the
// process's first (fonts, citation engine and printer all cold at start). Prints one JSON line.
import { firstExportRun } from './export';

const result = await firstExportRun();
process.stdout.write(`${JSON.stringify(result)}\n`);

import { checkUrl, describeUrlRefusal, urlPreview } from '../../../../core/domain/safe-url';
import type { ResultBuilder } from './result-builder';

/**
 * The link of a source read from a file, by the one URL rule (core/domain/safe-url.ts): the trimmed
 * URL when it is http, https or mailto, otherwise null and an import warning that names the field,
 * shows the start of the value and says why it was dropped. The rest of the record is still imported:
 * a javascript: or data: link is refused at the door, not stored and disarmed later.
 */
export function sourceUrlOf(raw: string | null | undefined, out: ResultBuilder, line: number | null, field: string): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const checked = checkUrl(raw);
  if (checked.ok) return checked.url;
  out.warn(line, `${field} "${urlPreview(raw.trim())}" was dropped: ${describeUrlRefusal(checked)}`);
  return null;
}

import { readFileSync } from 'node:fs';

/** The real GDELT 2.0 sample rows in test-fixtures/real/. */
export const GDELT_SAMPLE = new URL('../../test-fixtures/real/gdelt2-sample-head50.export.CSV', import.meta.url);

/**
 * A GDELT 2.0 export of `rows` rows made from the real sample rows, each with a fresh
 * GLOBALEVENTID (and a varied SOURCEURL so sources are not all duplicates), as the issue asks.
 */
export function generateGdelt(rows: number): Buffer {
  const sample = readFileSync(GDELT_SAMPLE, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => line.replace(/\r$/, '').split('\t'));
  const out: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    const fields = [...sample[i % sample.length]!];
    fields[0] = String(900_000_000 + i);
    const url = fields[60] ?? '';
    if (url) fields[60] = `${url}${url.includes('?') ? '&' : '?'}bd=${Math.floor(i / 5)}`;
    out.push(fields.join('\t'));
  }
  return Buffer.from(`${out.join('\n')}\n`, 'utf8');
}

/** Realistic analyst queries over GDELT-style events. */
export const SEARCH_QUERIES = [
  'united states', 'china', 'russia', 'police', 'government', 'president', 'military', 'protest', 'minister',
  'united kingdom', 'israel', 'iran', 'syria', 'court', 'election', 'business', 'india', 'pakistan', 'france',
  'germany', 'japan', 'turkey', 'nigeria', 'mexico', 'canada', 'australia', 'washington', 'london', 'moscow',
  'beijing', 'trade', 'attack', 'rebel', 'army', 'school', 'congress', 'senate', 'doctor', 'hospital', 'bank',
  'oil', 'media', 'refugee', 'united nations', 'european union', 'prime minister', 'foreign minister', 'obama',
  'putin', 'texas',
];

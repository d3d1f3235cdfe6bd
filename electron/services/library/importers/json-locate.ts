/**
 * Finds where a value sits in a JSON text, so a validation error on `events[3].date` can name its
 * line. Runs only after a failure; it walks the text without building values.
 */

/** 1-based line and column of an offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function skipWs(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** End offset (exclusive) of the string starting at i (a quote). */
function skipString(text: string, i: number): number {
  i++;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return i;
}

/** End offset of the value starting at i. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i = skipString(text, i);
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  while (i < text.length && !',}] \t\r\n'.includes(text[i]!)) i++;
  return i;
}

/**
 * Offset of the value at `path` (object keys and array indexes), or of the deepest container found
 * on the way when the path does not exist (a missing key is reported at its object). Null when the
 * text is not JSON enough to walk.
 */
export function locateJsonPath(text: string, path: readonly PropertyKey[]): number | null {
  let i = skipWs(text, 0);
  for (const step of path) {
    const open = text[i];
    if (open === '[' && typeof step === 'number') {
      let index = 0;
      i = skipWs(text, i + 1);
      let found = false;
      while (i < text.length && text[i] !== ']') {
        if (index === step) {
          found = true;
          break;
        }
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
        index++;
      }
      if (!found) return i;
    } else if (open === '{' && typeof step === 'string') {
      const containerStart = i;
      i = skipWs(text, i + 1);
      let found = false;
      while (i < text.length && text[i] === '"') {
        const keyEnd = skipString(text, i);
        let key: string;
        try {
          key = JSON.parse(text.slice(i, keyEnd)) as string;
        } catch {
          return null;
        }
        i = skipWs(text, keyEnd);
        if (text[i] !== ':') return null;
        i = skipWs(text, i + 1);
        if (key === step) {
          found = true;
          break;
        }
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
      if (!found) return containerStart;
    } else {
      return i;
    }
  }
  return i;
}

/**
 * 1-based start lines of every element of the array at `path`, in one pass (calling
 * locateJsonPath per element would be quadratic on big files). Empty when there is no such array.
 */
export function arrayElementLines(text: string, path: readonly PropertyKey[]): number[] {
  const start = locateJsonPath(text, path);
  if (start === null || text[start] !== '[') return [];
  const lines: number[] = [];
  let line = lineColumnAt(text, start).line;
  let lastOffset = start;
  let i = skipWs(text, start + 1);
  while (i < text.length && text[i] !== ']') {
    for (let nl = text.indexOf('\n', lastOffset); nl !== -1 && nl < i; nl = text.indexOf('\n', nl + 1)) line++;
    lastOffset = i;
    lines.push(line);
    i = skipWs(text, skipValue(text, i));
    if (text[i] === ',') i = skipWs(text, i + 1);
    else break;
  }
  return lines;
}

/**
 * What went wrong when fast-xml-parser refused a document's DTD, said the way every other import
 * error is said: a sentence an analyst can act on and the line (and column) of the declaration
 * responsible. The parser throws plain Errors without a position for these — external entities
 * (XXE), parameter entities, oversized or too many entities, and entity expansion beyond its
 * limits — so the position is found here, in the text of the document.
 */

/** A refused DTD, located. `line` and `column` are 1-based. */
export interface XmlDtdError {
  message: string;
  line: number;
  column: number;
}

/** 1-based line and column of a character offset. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The document type declaration with its internal subset, when there is one (offset and text). */
function doctypeOf(xml: string): { offset: number; text: string } | null {
  const start = xml.search(/<!DOCTYPE\b/i);
  if (start === -1) return null;
  const subsetEnd = xml.indexOf(']>', start);
  const plainEnd = xml.indexOf('>', start);
  const hasSubset = xml.slice(start, plainEnd === -1 ? undefined : plainEnd).includes('[');
  const end = hasSubset ? (subsetEnd === -1 ? xml.length : subsetEnd + 2) : plainEnd === -1 ? xml.length : plainEnd + 1;
  return { offset: start, text: xml.slice(start, end) };
}

const EXTERNAL_ENTITY = /<!ENTITY\s+(%\s*)?([^\s"'>]+)\s+(SYSTEM|PUBLIC)\b/i;
const PARAMETER_ENTITY = /<!ENTITY\s+%\s*([^\s"'>]*)/i;
const ENTITY_DECLARATION = /<!ENTITY\s+([^\s"'>%]+)\s/gi;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

const REMOVE_DTD = 'remove the <!DOCTYPE …> block (feeds and styles do not need one) or download the file again from its source';

/**
 * Explains `error`, thrown by fast-xml-parser while parsing `xml` (after XMLValidator accepted it),
 * when it is about the document's DTD or entities; null for any other error. `what` names the file
 * kind in the message ("The feed", "The style").
 */
export function explainXmlDtdError(xml: string, error: unknown, what = 'The file'): XmlDtdError | null {
  const reason = error instanceof Error ? error.message : String(error);
  const doctype = doctypeOf(xml);
  const at = (offsetInDoctype: number): { line: number; column: number } => positionOf(xml, (doctype?.offset ?? 0) + offsetInDoctype);

  // Checked on the text first: the parser's message for a PUBLIC entity is only "Expected quoted string".
  const external = doctype ? EXTERNAL_ENTITY.exec(doctype.text) : null;
  if (doctype && external) {
    const kind = external[1] ? 'an external parameter entity' : 'an external entity';
    return {
      message: `${what} declares ${kind} ("${external[2]}", ${external[3]!.toUpperCase()}), which Briefing Desk never loads: external entities can read files on this computer or reach the network (XXE). Nothing was imported; ${REMOVE_DTD}`,
      ...at(external.index),
    };
  }
  const parameter = doctype ? PARAMETER_ENTITY.exec(doctype.text) : null;
  if (doctype && parameter && /parameter entit|entity name %/i.test(reason)) {
    return { message: `${what} declares a parameter entity ("%${parameter[1]}"), which is not supported. Nothing was imported; ${REMOVE_DTD}`, ...at(parameter.index) };
  }

  const size = /^Entity "([^"]+)" size \((\d+)\) exceeds maximum allowed size \((\d+)\)/.exec(reason);
  if (size) {
    const declared = doctype ? new RegExp(`<!ENTITY\\s+${size[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`).exec(doctype.text) : null;
    return {
      message: `${what} declares the entity "${size[1]}" with ${size[2]} characters, more than the ${size[3]} allowed (a guard against entity-expansion attacks). Nothing was imported; ${REMOVE_DTD}`,
      ...at(declared?.index ?? 0),
    };
  }

  const count = /^Entity count \((\d+)\) exceeds maximum allowed \((\d+)\)/.exec(reason);
  if (count) {
    const declarations = doctype ? [...doctype.text.matchAll(ENTITY_DECLARATION)] : [];
    const over = declarations[Number(count[2])] ?? declarations.at(-1);
    return { message: `${what} declares more than ${count[2]} entities (a guard against entity-expansion attacks). Nothing was imported; ${REMOVE_DTD}`, ...at(over?.index ?? 0) };
  }

  const expansion = /(Entity expansion count limit exceeded|Expanded content length limit exceeded): \d+ > (\d+)/.exec(reason);
  if (expansion) {
    // The limit is a total over the document; point at the first use of a declared entity.
    const declared = new Set(doctype ? [...doctype.text.matchAll(ENTITY_DECLARATION)].map((match) => match[1]!) : []);
    const bodyStart = doctype ? doctype.offset + doctype.text.length : 0;
    const reference = /&([A-Za-z_:][\w.:-]*);/g;
    reference.lastIndex = bodyStart;
    let firstUse: number | null = null;
    for (let match = reference.exec(xml); match; match = reference.exec(xml)) {
      if (declared.has(match[1]!) && !PREDEFINED.has(match[1]!)) {
        firstUse = match.index;
        break;
      }
    }
    const limit = expansion[1]!.startsWith('Expanded') ? `${expansion[2]} characters` : `${expansion[2]} entity references`;
    return {
      message: `${what} expands its entities to more than ${limit} (an entity-expansion or "billion laughs" file); it was not read. Nothing was imported; ${REMOVE_DTD}`,
      ...positionOf(xml, firstUse ?? doctype?.offset ?? 0),
    };
  }

  if (doctype && /DOCTYPE|ENTITY|entit|notation|Expected quoted string|Unterminated|Invalid (element|attribute)/i.test(reason)) {
    return { message: `${what} has a document type declaration that cannot be read (${reason}). Nothing was imported; ${REMOVE_DTD}`, ...at(0) };
  }
  return null;
}

import { isAllowedLinkHref } from '../../../../core/editor/link-policy';

/** Result of reading what the analyst typed into the link field. */
export type LinkInputResult = { ok: true; href: string } | { ok: false; error: string };

const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Turns typed text into a link target, or says why it cannot be one. Only http, https and mailto
 * are accepted; a bare "example.com" becomes https://example.com and "name@example.org" a mailto link.
 */
export function normalizeLinkInput(input: string): LinkInputResult {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Enter a web address (https://…) or an email address.' };
  if (/\s/.test(text)) return { ok: false, error: 'A link cannot contain spaces.' };

  let href: string;
  const scheme = SCHEME.exec(text)?.[1];
  // "example.com:8080/x" and "localhost:3000" look like a scheme but are a host with a port.
  const isHostWithPort = scheme !== undefined && (scheme.includes('.') || scheme.toLowerCase() === 'localhost') && /^[^:]+:\d/.test(text);
  if (scheme && !isHostWithPort) {
    if (!/^(https?|mailto)$/i.test(scheme)) {
      return { ok: false, error: `"${scheme}:" links are not allowed. Use an http, https or mailto link.` };
    }
    href = text;
  } else if (EMAIL.test(text)) {
    href = `mailto:${text}`;
  } else if (text.startsWith('//')) {
    href = `https:${text}`;
  } else {
    const host = text.split(/[/?#:]/, 1)[0] ?? '';
    if (!host.includes('.') && host.toLowerCase() !== 'localhost') {
      return { ok: false, error: 'That does not look like a web address. Try https://example.com.' };
    }
    href = `https://${text}`;
  }
  if (!isAllowedLinkHref(href)) return { ok: false, error: 'That is not a valid http, https or mailto link.' };
  return { ok: true, href };
}

import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from '../server/security-headers';
import { resolveStaticFile } from '../server/static-files';

/** The renderer's scheme and host: `app://briefing-desk/index.html`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'briefing-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What every trusted frame's URL starts with. */
export const APP_URL_PREFIX = `${APP_ORIGIN}/`;

/**
 * Must run before `app.ready`. `standard` gives the scheme normal URL semantics (relative URLs,
 * an origin for 'self' in the CSP); `secure` makes it a secure context like https.
 */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer on app://briefing-desk/ with the same CSP and headers as the browser
 * edition. Paths are confined to `rendererDir` (see resolveStaticFile); other hosts get 404.
 */
export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } });
    }
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } });
    const body = await readFile(file.path);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': file.cacheControl },
    });
  });
}

/** True when a frame URL is our renderer (and not, say, an `app://` page of another host). */
export function isAppUrl(url: string | undefined): boolean {
  return typeof url === 'string' && url.startsWith(APP_URL_PREFIX);
}

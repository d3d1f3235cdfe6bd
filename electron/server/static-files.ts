import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The MIME type for a file name; unknown kinds are served as bytes (and nosniff keeps them so). */
export function mimeTypeFor(fileName: string): string {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** A static file that may be served. */
export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
  /** Cache-Control: index.html must be revalidated; Vite's hashed assets never change. */
  cacheControl: string;
}

/**
 * Maps a URL path to a file inside `rootDir`, or null. Decodes percent-escapes first and then
 * checks the resolved path is still inside the root, so `..`, `%2e%2e`, encoded slashes and
 * absolute paths cannot escape it. Only regular files are served; `/` means index.html.
 */
export async function resolveStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const candidate = resolve(root, relative);
  if (!candidate.startsWith(root + sep)) return null;
  try {
    const info = await stat(candidate);
    if (!info.isFile()) return null;
    const isIndex = candidate === resolve(root, 'index.html');
    const isHashedAsset = candidate.startsWith(resolve(root, 'assets') + sep);
    return {
      path: candidate,
      size: info.size,
      contentType: mimeTypeFor(candidate),
      cacheControl: isIndex || !isHashedAsset ? 'no-cache' : 'public, max-age=31536000, immutable',
    };
  } catch {
    return null;
  }
}

/**
 * How bytes leave the server: compressed where it helps, the web app's hashed
 * assets cached for good, the page itself revalidated, no source maps.
 *
 * A delegate's phone on a slow line pays for every byte and every round trip:
 * the state of a long meeting is ~1 MB of JSON that gzips to ~70 KB, and the
 * scripts are named by their content hash (packages/web/vite.config.ts), so a
 * browser never needs to ask again for one it has.
 */
import { createHash } from 'node:crypto';
import { constants as zlib } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';

/** The web build names everything under assets/ by its content hash. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and every client route, which is index.html) is checked with the server each time: a new build shows at once. */
export const REVALIDATE = 'no-cache';

/** Below this size the headers and the round trip cost more than the bytes saved. */
export const COMPRESS_THRESHOLD = 1024;
/**
 * Brotli's default quality (11) costs tens of milliseconds of CPU per 100 KB
 * of JSON; quality 4 compresses like gzip -9 at a fraction of the time.
 */
export const BROTLI_OPTIONS = { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } };
export const GZIP_OPTIONS = { level: 6 };

/**
 * Compression of every response that has a body worth compressing (JSON,
 * HTML, Markdown, XML, CSV; streams too). Register before the routes: the
 * plugin attaches itself to each route as it is added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: BROTLI_OPTIONS,
    zlibOptions: GZIP_OPTIONS,
    // The plugin's own list, plus the ledger export (application/x-ndjson).
    customTypes: /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|ndjson(?:;|$)|(?:\+|\/)text(?:;|$)|(?:\+|\/)xml(?:;|$)|octet-stream(?:;|$)/u,
  });
}

/**
 * The Content-Security-Policy sources of the inline scripts of the built
 * index.html (the page's first script, packages/web/src/boot/prefetch.ts),
 * by their SHA-256: these and no other inline script may run. Read once at
 * start; a page from another build would lose only its head start.
 */
export function inlineScriptSources(webDir: string): string[] {
  const page = join(webDir, 'index.html');
  if (!existsSync(page)) return [];
  return [...readFileSync(page, 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, code]) => `'sha256-${createHash('sha256').update(code!).digest('base64')}'`,
  );
}

/**
 * Serves the built web app from `webDir`: the compressed copies the build
 * wrote beside each asset (.br, .gz) when the browser takes them, so nothing
 * is compressed per request; index.html for every client route; never a
 * source map, even if a build left one there (ignored, so not routed).
 */
export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const webBuilt = existsSync(join(webDir, 'index.html'));
  const assets = `${sep}assets${sep}`;
  if (webBuilt) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      preCompressed: true,
      globIgnore: ['**/*.map', '**/*.br', '**/*.gz'],
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.includes(assets) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    // A client route has no file extension; a missing file (a source map, a script
    // of an older build) is a 404, not index.html served as a script.
    const page = request.method === 'GET' && !path.startsWith('/api/') && !/\.[^/]*$/.test(path);
    if (page && webBuilt) {
      // The web app routes on the client: every page is index.html.
      return reply.type('text/html').sendFile('index.html');
    }
    if (page && !webBuilt) {
      return reply.status(404).type('text/plain').send('The web app is not built: run `pnpm build`.');
    }
    return reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } });
  });
}

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { REACT_TO_PREACT } from './preact-aliases';

/**
 * Writes a .br and a .gz beside every text asset, compressed once at build
 * time at the best ratio, which the server sends as they are (@fastify/static
 * preCompressed), so no request pays for compressing a script.
 */
function precompress(): Plugin {
  return {
    name: 'gavel-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const file = join(options.dir!, name);
        const bytes = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/**
 * Lets the bundler drop what a chunk of @gavel/shared does not use. The
 * package declares itself free of side effects (package.json), but a module's
 * top-level values built by calls (zod schemas above all: z.object({...}),
 * lists derived from them) still look like work that must run. Each such
 * initializer is wrapped in an arrow called at once and marked pure, the same
 * value at the same moment, which the bundler may skip when nothing reads it.
 * So the browser, which runs the domain (evolve, the views of the state) but
 * validates no command (the server does), loads zod only with the views that
 * build commands from forms.
 */
function pureSharedValues(): Plugin {
  const shared = `${join(import.meta.dirname, '../shared/src')}/`;
  const kept = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'ClassExpression', 'Literal', 'Identifier', 'TemplateLiteral']);
  return {
    name: 'gavel-pure-shared-values',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!id.startsWith(shared)) return null;
      const inits: { start: number; end: number }[] = [];
      for (let node of this.parse(code).body) {
        if (node.type === 'ExportNamedDeclaration' && node.declaration) node = node.declaration;
        if (node.type !== 'VariableDeclaration') continue;
        for (const d of node.declarations) if (d.init && !kept.has(d.init.type)) inits.push(d.init as unknown as { start: number; end: number });
      }
      if (!inits.length) return null;
      let out = code;
      for (const { start, end } of inits.reverse()) {
        out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`;
      }
      return { code: out, map: null };
    },
  };
}

/** Where the build put each language's dictionary (packages/shared/src/i18n/ui/<lang>.ts). */
function dictionaryChunks(bundle: Record<string, { type: string; fileName: string; facadeModuleId?: string | null }>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const chunk of Object.values(bundle)) {
    const lang = chunk.type === 'chunk' ? /\/shared\/src\/i18n\/ui\/([a-z]{2})\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1] : undefined;
    if (lang) found[lang] = `/${chunk.fileName}`;
  }
  return found;
}

/**
 * Puts the page's first script (src/boot/prefetch.ts: the dictionary and the
 * meeting's state asked for while the app downloads) into index.html itself,
 * early in <head>: a script of its own would cost a round trip, and an inline
 * script placed after the stylesheet would wait for it. The server allows it
 * by its hash in the Content-Security-Policy (server/src/http/delivery.ts).
 */
function inlineBoot(): Plugin {
  return {
    name: 'gavel-inline-boot',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, { bundle }) {
        const dictionaries = dictionaryChunks(bundle ?? {});
        const { outputFiles } = await esbuild({
          stdin: {
            contents: `import { prefetch } from './prefetch';\nprefetch(${JSON.stringify(dictionaries)});`,
            resolveDir: join(import.meta.dirname, 'src/boot'),
            loader: 'ts',
          },
          bundle: true,
          write: false,
          minify: true,
          format: 'iife',
          target: 'es2022',
        });
        // Right after the charset (which must come within the first bytes), before any stylesheet.
        const charset = /<meta charset="UTF-8" \/>/;
        if (!charset.test(html)) throw new Error('index.html: no <meta charset="UTF-8" /> to put the first script after');
        return html.replace(charset, (meta) => `${meta}\n    <script>${outputFiles[0]!.text.trim()}</script>`);
      },
    },
  };
}

// In development (`pnpm --filter @gavel/web dev`) the API and sockets go to a
// Gavel server on :3000; in production the server serves dist/ itself.
export default defineConfig({
  plugins: [react(), pureSharedValues(), inlineBoot(), precompress()],
  resolve: { alias: REACT_TO_PREACT },

  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
  build: {
    target: 'es2022',
    // No source maps in what the server serves: they would publish the whole source.
    sourcemap: false,
    // The manifest says which chunks each entry and lazy view pulls in (a test reads it).
    manifest: true,
  },
});

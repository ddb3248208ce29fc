// Compiles the server to JavaScript in packages/server/dist (what `pnpm start`
// runs), so that production loads no TypeScript compiler at run time.
// `--outdir DIR` builds elsewhere (a test's own build, which no other test's
// build can remove under its running processes); DIR must be inside
// packages/server, where Node finds the server's packages.
//
// The server's own code and the workspace package @gavel/shared (TypeScript
// sources) are bundled; every npm package stays an import. A package imported
// by the server keeps its bare name (Node finds it in packages/server/node_modules);
// one imported by @gavel/shared is pointed at the file it resolves to from
// packages/shared, which the server's folder may not list (pnpm is strict).
import { existsSync, rmSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const at = process.argv.indexOf('--outdir');
const outdir = at >= 0 ? resolve(process.argv[at + 1]) : resolve(root, 'packages/server/dist');
const shared = resolve(root, 'packages/shared') + sep;

/**
 * Packages the server needs only for a rare request, loaded on first use
 * rather than at start (the server's memory before any client): the source
 * imports them statically, the build replaces each with a stand-in that
 * requires the package when first called (Node 20.19+ requires ES modules).
 */
const DEFERRED = {
  // A DOM (happy-dom, ~36 MiB) for reading an uploaded DOCX (drafting/import.ts).
  '@lexical/headless/dom': 'export function withDOM(f) { return load().withDOM(f); }',
  // Reading an uploaded DOCX (drafting/import.ts).
  mammoth: 'export default new Proxy({}, { get: (_, key) => load()[key] });',
};

/** @type {import('esbuild').Plugin} */
const deferred = {
  name: 'gavel-deferred',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(DEFERRED).map((k) => k.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.importer.startsWith(shared) ? undefined : { path: args.path, namespace: 'deferred' }));
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
      contents: [
        "import { createRequire } from 'node:module';",
        `let loaded; const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(args.path)}));`,
        DEFERRED[args.path],
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * Lexical (the editor on the server: drafts, guards, the report's texts) is bundled, in its production build.
 * Each of its packages' entry files imports both its development build (1 MB for lexical alone) and its
 * production build, then picks one by NODE_ENV: left an import, the server would load and keep both. Bundled,
 * every import of a Lexical package (the server's, @gavel/shared's and the Lexical packages' own) is one copy,
 * `X.prod.js` beside the entry `X.js`, tree-shaken.
 * @type {import('esbuild').Plugin}
 */
const lexicalProduction = {
  name: 'gavel-lexical-production',
  setup(b) {
    b.onResolve({ filter: /^(lexical|@lexical\/[^/]+)(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (found.errors.length) return { errors: found.errors };
      const production = found.path.replace(/\.js$/, '.prod.js');
      return { path: existsSync(production) ? production : found.path };
    });
  },
};

/**
 * npm packages stay imports: by their bare name from the server's code; by the file they resolve to from code that
 * is bundled but lives elsewhere (@gavel/shared, Lexical), whose packages the server's folder may not list.
 * @type {import('esbuild').Plugin}
 */
const externals = {
  name: 'gavel-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@gavel/') || args.path.startsWith('node:') || args.pluginData === 'resolving') return undefined;
      if (!args.importer.startsWith(shared) && !args.importer.includes(`${sep}node_modules${sep}`)) return { path: args.path, external: true };
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (found.errors.length) return { errors: found.errors };
      const file = relative(outdir, found.path).split(sep).join('/');
      return { path: file.startsWith('.') ? file : `./${file}`, external: true };
    });
  },
};

// A clean folder: no chunk of an earlier build left beside the new one.
rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
await build({
  // The threads are files of their own, beside main.js: the SQLite store's writer (store/sqlite.ts starts it),
  // the DOCX builder (export/worker.ts) and the texts' checkpoints (docs/checkpoints.ts).
  entryPoints: {
    main: resolve(root, 'packages/server/src/main.ts'),
    'sqlite-writer': resolve(root, 'packages/server/src/store/sqlite-writer.ts'),
    'docx-worker': resolve(root, 'packages/server/src/export/docx-worker.ts'),
    'checkpoint-worker': resolve(root, 'packages/server/src/docs/checkpoint-worker.ts'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Resolve packages as Node does at run time (esbuild adds "module" by default), so that a file reached
  // from the server and from @gavel/shared is one module, not two copies.
  conditions: [],
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [deferred, lexicalProduction, externals],
});
console.log(`server built in ${Date.now() - started} ms: ${relative(root, outdir)}/main.js`);

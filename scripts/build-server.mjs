// Compiles the server to JavaScript in packages/server/dist (what `pnpm start`
// runs), so that production loads no TypeScript compiler at run time.
//
// The server's own code and the workspace package @gavel/shared (TypeScript
// sources) are bundled; every npm package stays an import. A package imported
// by the server keeps its bare name (Node finds it in packages/server/node_modules);
// one imported by @gavel/shared is pointed at the file it resolves to from
// packages/shared, which the server's folder may not list (pnpm is strict).
import { relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outdir = resolve(root, 'packages/server/dist');
const shared = resolve(root, 'packages/shared') + sep;

/** @type {import('esbuild').Plugin} */
const externals = {
  name: 'gavel-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@gavel/') || args.path.startsWith('node:') || args.pluginData === 'resolving') return undefined;
      if (!args.importer.startsWith(shared)) return { path: args.path, external: true };
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (found.errors.length) return { errors: found.errors };
      const file = relative(outdir, found.path).split(sep).join('/');
      return { path: file.startsWith('.') ? file : `./${file}`, external: true };
    });
  },
};

const started = Date.now();
await build({
  entryPoints: { main: resolve(root, 'packages/server/src/main.ts') },
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
  plugins: [externals],
});
console.log(`server built in ${Date.now() - started} ms: ${relative(root, outdir)}/main.js`);

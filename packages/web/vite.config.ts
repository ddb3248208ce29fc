import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

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

// In development (`pnpm --filter @gavel/web dev`) the API and sockets go to a
// Gavel server on :3000; in production the server serves dist/ itself.
export default defineConfig({
  plugins: [react(), precompress()],
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

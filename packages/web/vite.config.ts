import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development (`pnpm --filter @gavel/web dev`) the API and sockets go to a
// Gavel server on :3000; in production the server serves dist/ itself.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
  build: { target: 'es2022', sourcemap: true },
});

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `make run` serves the API; override with STEWARD_API=http://host:port npm run dev. */
const apiTarget = process.env.STEWARD_API ?? 'http://127.0.0.1:8080';

/**
 * Vendor chunks: libraries that change rarely get their own long-cached files, and the heavy
 * ones that only some pages need (CodeMirror for the JQL editor) stay out of the initial load.
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('/node_modules/')) return undefined;
  if (/\/node_modules\/(@codemirror|@lezer|style-mod|w3c-keyname|crelt)\//.test(id)) {
    return 'vendor-codemirror';
  }
  if (/\/node_modules\/(@mantine\/dates|dayjs)\//.test(id)) return 'vendor-dates';
  if (/\/node_modules\/(@mantine|@floating-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|react-number-format|react-textarea-autosize|get-nonce|tslib|clsx|type-fest)\//.test(id)) {
    return 'vendor-mantine';
  }
  if (/\/node_modules\/@tabler\//.test(id)) return 'vendor-icons';
  if (/\/node_modules\/@tanstack\//.test(id)) return 'vendor-query';
  if (/\/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run)\//.test(id)) {
    return 'vendor-react';
  }
  return undefined;
}

/** Lazy route modules are named after their feature: assets/feature-queues-<hash>.js. */
function chunkFileName(chunk: { facadeModuleId: string | null; name: string }): string {
  const feature = chunk.facadeModuleId?.match(/\/src\/features\/([^/]+)\/routes\.tsx$/)?.[1];
  return feature ? `assets/feature-${feature}-[hash].js` : 'assets/[name]-[hash].js';
}

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      // ws: true lets WebSocket upgrades through; server-sent events (/api/v1/stream) are plain
      // streamed HTTP responses, which the proxy passes on unbuffered.
      '/api': { target: apiTarget, changeOrigin: false, ws: true },
      '/healthz': { target: apiTarget },
      '/readyz': { target: apiTarget },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: {
      '/api': { target: apiTarget, ws: true },
      '/healthz': { target: apiTarget },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2022',
    // Source maps on request only: dist/ is embedded in the release binary.
    sourcemap: process.env.STEWARD_SOURCEMAP === '1',
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: { manualChunks: vendorChunk, chunkFileNames: chunkFileName },
    },
  },
});

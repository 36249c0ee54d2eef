import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/testing/setup.ts'],
      include: ['src/**/*.test.{ts,tsx}'],
      css: false,
      restoreMocks: true,
      unstubGlobals: true,
      // `make test` runs this suite beside the API and browser suites on a 2-core machine, where
      // a form test can wait seconds for the CPU: the timeout is there to catch a hang, not to
      // judge speed (benchmarks do that).
      testTimeout: 120_000,
    },
  }),
);

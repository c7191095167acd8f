import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// `electron` always resolves to the one shared mock: importing the real package in a test would
// try to download its binary.
const electronMock = { electron: resolve(import.meta.dirname, 'test/mocks/electron.ts') };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: electronMock },
        test: {
          name: 'node',
          environment: 'node',
          globalSetup: ['test/setup/fixtures.ts'],
          // Real models on 2 cores: a full image analysis can take a few hundred milliseconds.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/preload/web*.test.ts', 'test/e2e/**'],
        },
      },
      {
        plugins: [react()],
        resolve: { alias: electronMock },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}', 'test/preload/web*.test.ts'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
    ],
  },
});

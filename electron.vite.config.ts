import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { engineAssetsPlugin } from './build/engine-assets';

// One build, three targets. The main target also emits the CLI entry (`station`), which never
// imports `electron`, so the web station and the CLI run on plain Node from the same output.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          electron: resolve(import.meta.dirname, 'main/hosts/electron/main.ts'),
          cli: resolve(import.meta.dirname, 'main/hosts/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload may only require('electron'): bundle everything into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { electron: resolve(import.meta.dirname, 'preload/electron.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    base: './',
    // The analysis engine's models, wasm and traineddata, served from the station's own origin.
    plugins: [react(), engineAssetsPlugin()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      minify: true,
      sourcemap: false,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          // Loaded only by the web station, which injects it before the app's own script.
          'web-bridge': resolve(import.meta.dirname, 'preload/web.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'web-bridge' ? 'web-bridge.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});

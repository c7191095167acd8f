import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { engineAssetsPlugin } from '../../build/engine-assets';

/** Builds the engine harness page (with the engine's runtime files) into out/browser-engine. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  plugins: [engineAssetsPlugin()],
  build: { outDir: resolve(import.meta.dirname, '../../out/browser-engine'), emptyOutDir: true, target: 'es2022', minify: false },
});

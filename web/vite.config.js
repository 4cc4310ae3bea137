// Vite build of the web console into web/dist. Element Plus components and
// their styles are imported per component (unplugin resolvers); every page is
// its own chunk, loaded when first opened; tools/budget.js fails the build if
// the JavaScript loaded at first (the entry and its static imports) exceeds
// the budget; tools/compress.js writes .gz and .br copies of the text files
// that the server sends to browsers that take them.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { budget } from './tools/budget.js';
import { compress } from './tools/compress.js';

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    budget({ limitKiB: 600 }),
    compress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': process.env.DJ_API || 'http://127.0.0.1:18080' },
  },
  test: {
    include: ['src/**/*.test.js'],
    environment: 'node',
  },
});

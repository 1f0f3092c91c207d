import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is plain static files loaded from file:// in Electron and from
// the Node host in tests, hence a relative base and no dev-server assumptions.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});

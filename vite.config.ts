import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CSP_META } from './shared/security';

/** The <meta> CSP comes from shared/security.ts, so the two shells can never drift apart. */
function cspMeta(): Plugin {
  return {
    name: 'ltc-csp-meta',
    transformIndexHtml(html) {
      if (!html.includes('%LTC_CSP%')) throw new Error('renderer/index.html lost its %LTC_CSP% placeholder');
      return html.replace('%LTC_CSP%', CSP_META);
    },
  };
}

// The renderer is plain static files loaded from file:// in Electron and from
// the Node host in tests, hence a relative base and no dev-server assumptions.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});

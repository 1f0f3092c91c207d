import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts, whose root is renderer/.
export default defineConfig({
  test: {
    root: '.',
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/documents/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
});

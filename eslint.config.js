import tseslint from 'typescript-eslint';

/**
 * Layer boundaries the build enforces (after VS Code's code-layering rule):
 * data flows renderer → shared contract → service → db, and only electron/
 * touches Electron.
 */
const noElectron = { name: 'electron', message: 'Only electron/ may import Electron; the service layer must run in plain Node.' };
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'test/artifacts/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure TypeScript: it runs in the renderer too.' },
            { group: ['**/db/**', '**/service/**', '**/renderer/**', '**/electron/**', '**/host/**'], message: 'shared/ imports nothing of ours outside shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['**/service/**', '**/renderer/**', '**/electron/**', '**/host/**'], message: 'db/ depends on shared/ only.' }] },
      ],
    },
  },
  {
    files: ['service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['**/renderer/**', '**/electron/**', '**/host/**'], message: 'service/ sits below the transports.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node.' },
            { group: ['**/db/**', '**/service/**', '**/electron/**', '**/host/**'], message: 'The renderer talks to the back end only through the contract (renderer/src/api.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts', '*.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);

// Lint with the layering rules of the architecture: only main/electron/** and preload/** may import electron;
// core/** imports nothing from Node, the DOM or Electron (tsconfig.core.json also type-checks it without those libs).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnly = {
  paths: [{ name: 'electron', message: 'Only main/electron/** and preload/** may import electron.' }],
  patterns: [{ group: ['electron/*'], message: 'Only main/electron/** and preload/** may import electron.' }],
};

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os',
  'path', 'process', 'stream', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'screenshots/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', electronOnly],
    },
  },
  {
    files: ['main/electron/**', 'preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['core/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...electronOnly.paths,
            { name: 'react', message: 'core/ is platform-free.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'core/ must not import Node built-ins.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'core/ must not import Node built-ins.' },
            { group: ['electron/*'], message: 'core/ must not import electron.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/emulator/**'], message: 'core/ depends on nothing else in the project.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnly.paths,
          patterns: [
            { group: ['node:*'], message: 'The sandboxed renderer has no Node.' },
            { group: ['**/main/**', '**/emulator/**'], message: 'The renderer reaches main only through window.api.' },
          ],
        },
      ],
    },
  },
);

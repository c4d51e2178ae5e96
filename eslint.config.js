// Lint keeps the layers: these rules make "core imports no IO", "web imports no server code" and
// "routes do not touch the database" checks that fail, not sentences in a document.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'node:*',
  'fs',
  'path',
  'http',
  'crypto',
  'kysely',
  'hono',
  'hono/*',
  '@hono/*',
  'better-sqlite3',
  'pg',
  'ioredis',
  'ws',
  'lit',
  'lit/*',
  '@shoelace-style/*',
  'playwright-core',
  'yjs',
  'y-protocols/*',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/web/build/**', 'docs/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // A variable a closure reads before it is assigned (the socket handler in collab/hub.ts) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-restricted-syntax': ['error', { selector: 'TSAsExpression > TSAnyKeyword', message: 'No `as any`: type the value, or parse it with its schema.' }],
    },
  },
  {
    // Migrations are frozen in time: they take Kysely<any>, never the app's Database type (kysely's own rule).
    files: ['packages/server/src/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Pure domain: no IO, no framework.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: IO_MODULES, message: 'core is pure: no IO, no database, no HTTP, no DOM.' }] }],
    },
  },
  {
    // The browser app never reaches into the server.
    files: ['packages/web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@yishi/server', '**/server/src/**', 'node:*'], message: 'web talks to the server through the API only (api/client.ts).' }] },
      ],
    },
  },
  {
    // Routes call services; SQL lives in repositories.
    files: ['packages/server/src/routes/**/*.ts'],
    ignores: ['packages/server/src/routes/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../db/*', '../db/**', 'kysely'], message: 'A route calls a service; queries live in db/repositories behind services.' }] },
      ],
    },
  },
  {
    files: ['packages/server/src/services/**/*.ts'],
    ignores: ['packages/server/src/services/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSAsExpression > TSAnyKeyword', message: 'No `as any`.' },
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom)$/]',
          message: 'SQL belongs in a repository (db/repositories); a service calls repository functions.',
        },
      ],
    },
  },
);

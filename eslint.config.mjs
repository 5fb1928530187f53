// Lint for the whole repository: rules that need no type information (fast on two cores), the React
// hooks rules, Next's rules, and the one-way layering of the house written down as import restrictions.
// Import cycles (type-only ones too) are dpdm's job in `npm run lint`; unused files and exports, knip's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import nextPlugin from '@next/eslint-plugin-next';
import globals from 'globals';
import sonarjs from 'eslint-plugin-sonarjs';

/** `no-restricted-imports` patterns: `@/x/**` and relative climbs out of the folder into x. */
const from = (folder, message) => ({
  group: [`@/${folder}`, `@/${folder}/**`, `**/../${folder}`, `**/../${folder}/**`],
  message,
});

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const appOnly = from('app', 'Only pages import pages: take the type from lib/ instead.');
const noComponents = from('components', 'lib/ is below components/: move the shared code into lib/.');
const noEditor = from('lib/editor', 'Services are below the editor: move the shared code into its own lib/ module.');
const noServices = from('lib/services', 'The engine and forms are below the services: take the type from lib/.');
const noDb = from('db', 'The engine is below the database: services reach it, not lib/.');

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      '.scratch/**',
      'test-results/**',
      'playwright-report/**',
      'public/**',
      'next-env.d.ts',
      'db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin, sonarjs },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The two classic hooks rules. The React Compiler rules of the plugin's preset take 70% of lint time
      // and flag patterns the editor relies on (a ref read as the latest props, a draft reset in an effect).
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-constant-binary-expression': 'error',
      'no-unneeded-ternary': 'error',
      'no-self-compare': 'error',
      // Input hygiene matches control characters on purpose.
      'no-control-regex': 'off',
      // `a ? x : x`, `if (a) f(); else f();`: a slip that reads as a decision.
      'sonarjs/no-all-duplicated-branches': 'error',
    },
  },
  {
    // Tests read response bodies loosely; the assertions say what they must hold.
    files: ['**/*.test.ts', '**/_tests/**', 'e2e/**'],
    // `module` is a Next.js page rule; a test may name a value so.
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@next/next/no-assign-module-variable': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // The one-way house.
  { files: ['components/**'], rules: restrict(appOnly) },
  { files: ['lib/**'], rules: restrict(appOnly, noComponents, noDb) },
  // The request's plumbing (route handlers, sign-in and sessions): above the services, it opens the database.
  { files: ['lib/http/**', 'lib/auth/**'], rules: restrict(appOnly, noComponents) },
  { files: ['lib/services/**'], rules: restrict(appOnly, noComponents, noEditor) },
  { files: ['lib/engine/**', 'lib/scheme/**', 'lib/forms/**', 'lib/graph/**'], rules: restrict(appOnly, noComponents, noDb, noServices) },
  { files: ['db/**'], rules: restrict(appOnly, noComponents, noEditor, noServices) },
  // The services' tests against a real database live beside it, with their shared setup.
  { files: ['db/**/*.test.ts', 'db/decision-testing.ts'], rules: restrict(appOnly, noComponents, noEditor) },
);

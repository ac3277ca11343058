// ESLint (flat config): JavaScript and typescript-eslint's recommended rules everywhere; lit,
// web-component and lit-a11y rules for the widget's elements; type-aware promise rules for the
// widget and the server (a forgotten promise is how an unhandled rejection reaches a host page).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

// The selectors behind the named-constants rule below. A number literal is `raw` starting with a
// digit; a protocol status is a number below 100 (HTTP statuses are 100–599).
const NUMBER = "[type='Literal'][raw=/^[0-9]/]";
const STATUS_NUMBER = "[type='Literal'][value<100]";
const IS_CONTENT_TYPE = (side) => `:matches([${side}.property.name='contentType'], [${side}.name='contentType'])`;
const IS_STATUS = (side) => `:matches([${side}.property.name='status'], [${side}.name='status'])`;
const COMPARE = 'BinaryExpression[operator=/^[!=]==?$/]';
const named = 'use the named constant (CONTENT_TYPES, CONVERSATION_STATUS, MESSAGE_STATUS) instead of a number';
const PROTOCOL_NUMBERS = [
  // m.contentType === 10, 10 === contentType
  `${COMPARE}${IS_CONTENT_TYPE('left')} > ${NUMBER}.right`,
  `${COMPARE}${IS_CONTENT_TYPE('right')} > ${NUMBER}.left`,
  // c.status === 2, status !== 3
  `${COMPARE}${IS_STATUS('left')} > ${STATUS_NUMBER}.right`,
  `${COMPARE}${IS_STATUS('right')} > ${STATUS_NUMBER}.left`,
  // switch (m.contentType) { case 3: … }, switch (status) { case 2: … }
  `SwitchStatement${IS_CONTENT_TYPE('discriminant')} > SwitchCase > ${NUMBER}.test`,
  `SwitchStatement${IS_STATUS('discriminant')} > SwitchCase > ${STATUS_NUMBER}.test`,
  // { contentType: 10 }, { status: 3 }
  `Property[key.name='contentType'] > ${NUMBER}.value`,
  `Property[key.name='contentType'] > TSAsExpression.value > ${NUMBER}.expression`,
  `Property[key.name='status'] > ${STATUS_NUMBER}.value`,
].map((selector) => ({ selector, message: `Protocol value: ${named}.` }));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tmp/', '.data/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'demo/dashboard/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'demo/dashboard/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'demo/dashboard/src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    files: ['src/**/*.ts', 'demo/server/src/**/*.ts', 'demo/dashboard/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Named constants (protocol-enums.ts): a message's `contentType` and a conversation's or
    // message's `status` are never bare numbers — not in a comparison, a `case`, or an object
    // literal. HTTP statuses (100–599: `res.status === 404`, `{ status: 400, body }`) are a
    // different thing and stay numbers, so `status` is checked for numbers below 100 only.
    files: ['src/**/*.ts', 'demo/server/src/**/*.ts', 'demo/dashboard/src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...PROTOCOL_NUMBERS] },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.js', 'bench/**/*.js', 'demo/server/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    // Browser code, and the bench's functions that run inside the page.
    files: [
      'test/**/*.js',
      'bench/suites/**/*.mjs',
      'bench/lib/page-probe.mjs',
      'bench/lib/long-conversation-probe.mjs',
    ],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // chai's property assertions (`to.exist`, `to.be.finite`) are expressions.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);

import nx from '@nx/eslint-plugin';

/**
 * Module boundaries: `scope:*` says who may import whom; `type:*` narrows it inside a scope.
 * See ARCHITECTURE.md "Dependency rules".
 */
const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
  { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:dashboard', 'scope:shared'] },
  // The simulator stands alone: it may read the shared catalog (image ports), nothing of ours else.
  { sourceTag: 'scope:sim', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:catalog', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:catalog'] },
  // type:testing is allowed here for the contract suite; the no-restricted-imports rule below keeps it out of non-test files.
  { sourceTag: 'type:proxmox', onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:domain', 'type:testing'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:domain'] },
  // The worker app joins queue and proxmox; the queue lib never knows about Proxmox.
  { sourceTag: 'type:queue', onlyDependOnLibsWithTags: ['type:contracts', 'type:config'] },
  { sourceTag: 'type:testing', notDependOnLibsWithTags: ['type:app'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contracts'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/test-output', '**/playwright-report', '**/vite.config.*.timestamp*'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints,
        },
      ],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits is a bug (the twin of "coroutine was never awaited").
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // server/testing is for test code only (ARCHITECTURE.md): specs, test/ helpers, the contract suite.
    // Patterns are relative to each project's own eslint config, hence the leading **.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**', '**/src/contract/**', '**/libs/server/testing/**', '**/apps/dashboard-e2e/**', '**/tools/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@proxdeck/server-testing', message: 'server-testing is for test files only.' }] }],
    },
  },
];

import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Only the typed wrappers may touch Electron's raw IPC: main/hosts/electron/ipc.ts (ipcMain,
// webContents.send) and preload/electron.ts (ipcRenderer). Everything else goes through them.
const IPC_WRAPPERS = ['main/hosts/electron/ipc.ts', 'preload/electron.ts'];
const rawIpcImport = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed bridge wrappers (main/hosts/electron/ipc.ts, preload/electron.ts).',
};
const rawIpcSyntax = [
  { selector: "MemberExpression[property.name='send'][object.property.name='webContents']", message: 'Use sendEvent() from main/hosts/electron/ipc.ts.' },
  { selector: "MemberExpression[property.name='send'][object.name=/^(webContents|contents|wc)$/]", message: 'Use sendEvent() from main/hosts/electron/ipc.ts.' },
  { selector: 'MemberExpression[object.name=/^(ipcMain|ipcRenderer)$/]', message: 'Use the typed bridge wrappers.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.scratch/**', 'test/fixtures/generated/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.mjs', 'scripts/*.mjs', 'bench/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      'no-restricted-imports': ['error', { paths: [rawIpcImport] }],
      'no-restricted-syntax': ['error', ...rawIpcSyntax],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: IPC_WRAPPERS,
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // The core runs under every host (Electron, the web station, the CLI): it never imports
    // electron or a host. The raw-IPC rule above still reports ipcMain/ipcRenderer, so the electron
    // group leaves those two names to it (one report per name, not two).
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [rawIpcImport],
          patterns: [
            { regex: '^electron(/|$)', importNamePattern: '^(?!(ipcMain|ipcRenderer)$)', message: 'main/core runs under every host: no electron here; put it in main/hosts/electron/.' },
            { regex: '(^|/)hosts(/|$)', message: 'main/core never imports a host: the hosts import the core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'preload/web.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // The renderer never sees Node: no node: imports, no electron.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', 'fs', 'path', 'child_process'], message: 'The renderer has no Node or Electron access; ask main through renderer/app/call-main.ts.' }] },
      ],
      // One way to call main: only renderer/app/call-main.ts touches the bridge.
      'no-restricted-syntax': [
        'error',
        ...rawIpcSyntax,
        { selector: "MemberExpression[property.name='station'][object.name=/^(window|globalThis|self)$/]", message: 'Call main through callMain/onStationEvent (renderer/app/call-main.ts).' },
      ],
    },
  },
  {
    // call-main.ts calls the bridge; the web station's preload installs it.
    files: ['renderer/app/call-main.ts', 'preload/web.ts'],
    rules: { 'no-restricted-syntax': ['error', ...rawIpcSyntax] },
  },
  {
    // Tests poke at mocks and fakes with loose types on purpose.
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  { files: ['**/*.{js,mjs}'], ...tseslint.configs.disableTypeChecked },
);

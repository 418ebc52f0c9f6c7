// The layering of Alibi, enforced (`npm run lint`, part of `npm test`). See README "Architecture".
//   core      the engine: no Electron, no React, no DOM (DOM: tsconfig.core.json has no DOM lib)
//   renderer  the React UI: no Node, no better-sqlite3, no engine code — only types, the API client and the
//             pure shared modules (vocabulary, zoneless, the timeline's window plan)
//   cli, main hosts: only the API's public surface (src/core/api/index.ts), plus types, the vocabulary, the
//             error data and the message catalogue (i18n)
//   core folders never depend on each other in a cycle (checked by scripts/lint-layers.mjs on this cruise's
//   output: dependency-cruiser's folder scope cannot leave out type-only imports)
/** Modules the renderer and the hosts may import for their values: pure, no Node, no engine state. */
const SHARED = '^src/core/((vocabulary|errors)[.]ts$|i18n/)';
// Pure modules the page may run (no Node, no database): the vocabulary, zone parsing, the message catalogues, the
// timeline's window plan (the engine plans the first window with it, the view every window).
const RENDERER_SHARED = '^src/core/((vocabulary[.]ts|import/zoneless[.]ts|timeline/windowPlan[.]ts)$|i18n/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-ui',
      comment: 'The engine runs in Node (CLI, worker, utility process): no Electron, React or browser libraries.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '(^|/)node_modules/(electron|react|react-dom|vis-[a-z-]+)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-no-hosts',
      comment: 'The engine never imports a host (renderer, main, preload, cli).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(renderer|main|preload|cli)/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer is a sandboxed page: no Node built-ins, no native modules.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-no-native',
      comment: 'No database driver or Electron API in the page: it asks main through the preload.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '(^|/)node_modules/(better-sqlite3|electron)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-no-engine',
      comment: 'The renderer reaches the engine only through window.alibi (src/renderer/api.ts): from core, types and the pure RENDERER_SHARED modules only.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(core|main|cli)/', pathNot: RENDERER_SHARED, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'hosts-only-api',
      comment: 'The CLI and Electron main call the engine only through the API registry (src/core/api/index.ts).',
      severity: 'error',
      from: { path: '^src/(cli|main)/' },
      to: { path: '^src/core/', pathNot: [`^src/core/api/index[.]ts$`, SHARED], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '[.]css$' },
  },
};

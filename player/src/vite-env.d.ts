/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

declare module 'virtual:defuse-scenario-index' {
  const entries: import('../scenario-index').ScenarioIndexEntry[];
  export default entries;
}

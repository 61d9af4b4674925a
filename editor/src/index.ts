/**
 * `@defuse/editor` as a library: the store, its commands and the editor
 * component, for tests and for embedding.
 */
export {
  createEditorStore,
  type EditorStore,
  type EditorState,
  type Selection,
} from './store/editor-store';
export type { Command } from './model/commands';
export { commandLabel } from './model/commands';
export { EditorApp } from './components/App';
export { startSession, type Session } from './session';
export { importScenario } from './io';
export { exportText, canonicalDocument } from './export-format';
export { layoutScenario } from './canvas/layout';

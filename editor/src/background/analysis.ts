/**
 * Keeps the graph analysis of the open document up to date without
 * holding up typing: shortly after the document stops changing, the engine
 * analyses it in the background and the result is merged into the store
 * (unless the document changed again meanwhile).
 */
import type { EditorStore } from '../store/editor-store';
import type { Background } from './background';

/** Starts analysing in the background; returns the function that stops it. */
export function attachAnalysis(
  store: EditorStore,
  background: Background,
  delayMs = 150,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;

  const run = () => {
    timer = undefined;
    const { doc, validation } = store.getState();
    if (!validation.analyzing || !validation.scenario) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    background
      .analyze(validation.scenario)
      .then((analysis) => store.getState().applyAnalysis(doc, analysis))
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };

  schedule();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.doc !== previous.doc && state.validation.analyzing) schedule();
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}

import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { startSession } from '../src/session';
import { openPersistence, attachAutosave } from '../src/persistence';
import { createEditorStore } from '../src/store/editor-store';
import { fakeScenario } from './factories';

let n = 0;
const dbName = () => `persistence-test-${++n}-${Date.now()}`;

describe('autosave and local scenarios', () => {
  it('saves every change, so a new session (after a crash) opens the last state', async () => {
    const name = dbName();
    const first = await startSession({ dbName: name, worker: false });
    await first.openDocument(fakeScenario());
    first.store
      .getState()
      .dispatch({ type: 'setBeatField', beatId: 'desk', field: 'title', value: 'Front desk' });
    await first.flush();
    // No close(), no goodbye: as if the tab died here.
    const second = await startSession({ dbName: name, worker: false });
    expect(second.store.getState().doc.beats.desk?.title).toBe('Front desk');
    expect(second.state.getState().key).toBe(first.state.getState().key);
    first.close();
    second.close();
  });

  it('lists local scenarios, opens one, and deletes one', async () => {
    const session = await startSession({ dbName: dbName(), worker: false });
    await session.openDocument(fakeScenario({ title: 'Library call' }));
    await session.newScenario();
    session.store
      .getState()
      .dispatch({ type: 'setScenarioField', field: 'title', value: 'Domestic call' });
    await session.flush();
    await session.refreshLibrary();
    const titles = session.state
      .getState()
      .library.map((s) => s.title)
      .sort();
    expect(titles).toEqual(['Domestic call', 'Library call']);

    const library = session.state.getState().library.find((s) => s.title === 'Library call')!;
    await session.openLocal(library.key);
    expect(session.store.getState().doc.title).toBe('Library call');
    expect(session.store.getState().history.past).toHaveLength(0);

    await session.removeLocal(library.key);
    expect(session.state.getState().library.map((s) => s.title)).toEqual(['Domestic call']);
    expect(session.store.getState().doc.title).toBe('Domestic call');
    session.close();
  });

  it('lists scenarios saved by the first version of the editor after upgrading storage', async () => {
    const name = dbName();
    const old = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('scenarios', { keyPath: 'key' });
        db.createObjectStore('meta');
      },
    });
    await old.put('scenarios', {
      key: 'k1',
      doc: fakeScenario(),
      title: 'Library call',
      scenarioId: 'library-patron',
      updatedAt: '2026-11-01T10:00:00.000Z',
    });
    old.close();
    const persistence = await openPersistence(name);
    expect(await persistence.list()).toEqual([
      {
        key: 'k1',
        title: 'Library call',
        scenarioId: 'library-patron',
        updatedAt: '2026-11-01T10:00:00.000Z',
      },
    ]);
    expect((await persistence.load('k1'))?.doc.id).toBe('library-patron');
    persistence.close();
  });

  it('writes only the latest document when changes come faster than storage', async () => {
    const persistence = await openPersistence(dbName());
    const store = createEditorStore({ doc: fakeScenario() });
    const autosave = attachAutosave(store, persistence, 'slot');
    for (let i = 0; i < 20; i++) {
      store
        .getState()
        .dispatch({ type: 'setBeatField', beatId: 'desk', field: 'title', value: `Desk ${i}` });
    }
    await autosave.flush();
    expect((await persistence.load('slot'))?.doc.beats.desk?.title).toBe('Desk 19');
    autosave.stop();
    persistence.close();
  });
});

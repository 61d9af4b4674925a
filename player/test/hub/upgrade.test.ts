import { beforeEach, describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { startDrill } from '@defuse/engine';
import { DB_NAME, closeDefuseDb } from '../../src/storage/db';
import { listLogs, loadLog } from '../../src/storage/logs';
import { listSync } from '../../src/storage/sync';
import { fakeScenario, freshDevice } from '../support';

beforeEach(freshDevice);

describe('the device database, version 3', () => {
  it('adds the sync store to a version 2 database and keeps its logs', async () => {
    // A tablet that recorded a drill with the previous version of the app.
    const old = await openDB(DB_NAME, 2, {
      upgrade(db) {
        const sessions = db.createObjectStore('sessions', { keyPath: 'sessionId' });
        sessions.createIndex('byUpdated', 'updatedAt');
        db.createObjectStore('sessionScenarios');
        db.createObjectStore('events', { keyPath: ['sessionId', 'seq'] });
        db.createObjectStore('scenarios', { keyPath: 'digest' }).createIndex('byId', 'id');
        db.createObjectStore('settings');
        db.createObjectStore('heartbeats');
        db.createObjectStore('awaiting');
      },
    });
    const scenario = fakeScenario();
    const drill = await startDrill(scenario, { trainee: { id: 'T-old' } });
    const log = drill.log();
    const [start] = log.events;
    const { events: _events, ...header } = log;
    await old.put('sessions', {
      sessionId: log.sessionId,
      header,
      instructor: 'solo',
      scenarioTitle: scenario.title,
      lastBeatTitle: 'Front steps',
      updatedAt: 1,
      lastEvent: { seq: 1, type: 'start', beat: 'steps' },
    });
    await old.put('events', { ...start, sessionId: log.sessionId });
    old.close();
    await closeDefuseDb();

    expect(await listSync()).toEqual([]);
    expect((await listLogs()).map((l) => l.traineeId)).toEqual(['T-old']);
    expect(await loadLog(log.sessionId)).toEqual(log);
  });
});

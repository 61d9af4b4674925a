import { beforeEach, describe, expect, it } from 'vitest';
import { startDrill, verifyLog } from '@defuse/engine';
import { saveHeartbeat, loadHeartbeat } from '../src/storage/heartbeat';
import {
  RecordingError,
  createRecorder,
  deleteLog,
  dismissResume,
  listLogs,
  listResumable,
  loadLog,
  loadSession,
} from '../src/storage/logs';
import {
  deleteImportedScenario,
  listImportedScenarios,
  saveImportedScenario,
} from '../src/storage/scenarios';
import { loadSettings, saveSettings } from '../src/storage/settings';
import { fakeScenario, freshDevice } from './support';

beforeEach(freshDevice);

describe('recording a drill', () => {
  it('stores every event as the drill makes it, and the stored log verifies', async () => {
    const scenario = fakeScenario();
    const drill = await startDrill(scenario, {
      trainee: { id: 'T-1' },
      onEvent: createRecorder(scenario, 'solo'),
    });
    const id = drill.log().sessionId;
    expect((await loadLog(id))!.events.map((e) => e.type)).toEqual(['start']);
    await drill.choose('sit-down');
    await drill.choose('call-locksmith');
    const stored = await loadLog(id);
    expect(stored).toEqual(drill.log());
    // The scenario copy is kept with the session, so it can be resumed after the library changes.
    expect((await loadSession(id))!.scenario).toEqual(scenario);
    expect(verifyLog(scenario, stored!)).toMatchObject({ ok: true });
  });

  it('refuses to store the same event twice', async () => {
    const scenario = fakeScenario();
    const recorder = createRecorder(scenario, 'solo');
    const drill = await startDrill(scenario, { onEvent: recorder });
    const log = drill.log();
    await expect(recorder(log.events[0]!, log)).rejects.toBeInstanceOf(RecordingError);
    await expect(recorder(log.events[0]!, log)).rejects.toThrow(/already recorded/);
    expect((await loadLog(log.sessionId))!.events).toHaveLength(1);
  });

  it('lists logs with trainee, scenario, outcome and whether they are complete', async () => {
    const scenario = fakeScenario();
    const finished = await startDrill(scenario, {
      trainee: { id: 'T-done' },
      onEvent: createRecorder(scenario, 'solo'),
    });
    await finished.choose('order-up');
    const unfinished = await startDrill(scenario, {
      trainee: { id: 'T-open' },
      onEvent: createRecorder(scenario, 'present'),
    });
    const logs = await listLogs();
    const done = logs.find((l) => l.traineeId === 'T-done')!;
    expect(done).toMatchObject({
      scenarioTitle: 'A man on the front steps',
      status: 'complete',
      outcome: { result: 'disengaged' },
    });
    expect(logs.find((l) => l.traineeId === 'T-open')).toMatchObject({
      status: 'interrupted',
      instructor: 'present',
      lastBeatTitle: 'Front steps',
    });
    expect((await listResumable()).map((l) => l.sessionId)).toEqual([unfinished.log().sessionId]);
    await dismissResume(unfinished.log().sessionId);
    expect(await listResumable()).toEqual([]);
    expect(await listLogs()).toHaveLength(2);
  });

  it('deletes a log with its events and heartbeat', async () => {
    const scenario = fakeScenario();
    const drill = await startDrill(scenario, { onEvent: createRecorder(scenario, 'solo') });
    const id = drill.log().sessionId;
    await saveHeartbeat(id, 1234);
    expect(await loadHeartbeat(id)).toBe(1234);
    await deleteLog(id);
    expect(await loadLog(id)).toBeUndefined();
    expect(await loadSession(id)).toBeUndefined();
    expect(await loadHeartbeat(id)).toBeUndefined();
    expect(await listLogs()).toEqual([]);
  });
});

describe('imported scenarios and settings', () => {
  it('keeps two versions of a scenario side by side, by digest', async () => {
    await saveImportedScenario(fakeScenario(), 'sha256:a', 'one.scenario.json');
    await saveImportedScenario(fakeScenario({ version: '1.1.0' }), 'sha256:b', 'two.scenario.json');
    expect((await listImportedScenarios()).map((r) => r.version)).toEqual(['1.0.0', '1.1.0']);
    await deleteImportedScenario('sha256:a');
    expect((await listImportedScenarios()).map((r) => r.fileName)).toEqual(['two.scenario.json']);
  });

  it('remembers the drill setup and ignores nonsense', async () => {
    expect(await loadSettings()).toEqual({ traineeId: '', mode: 'training', instructor: 'solo' });
    await saveSettings({ traineeId: 'T-9', mode: 'assessment', instructor: 'present' });
    expect(await loadSettings()).toEqual({
      traineeId: 'T-9',
      mode: 'assessment',
      instructor: 'present',
    });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import type { Scenario } from '@defuse/schemas';
import { beginDrill } from '../../src/drill/session';
import { flushOutbox, startOutbox } from '../../src/hub/outbox';
import { LogsScreen } from '../../src/logs/LogsScreen';
import type { ClassLink } from '../../src/storage/logs';
import { loadLog } from '../../src/storage/logs';
import { fakeScenario, freshDevice, gate } from '../support';
import { FakeHub } from './fake-hub';

const link: ClassLink = {
  classId: 'class-1',
  className: 'Patrol 24-B',
  deviceToken: 'device-token-1',
};
const asTrainee = (id: string) => ({
  traineeId: id,
  mode: 'assessment' as const,
  instructor: 'solo' as const,
});

let stopOutbox: (() => void) | undefined;

beforeEach(freshDevice);
afterEach(() => {
  stopOutbox?.();
  stopOutbox = undefined;
  vi.unstubAllGlobals();
});

function goOnline(hub: FakeHub) {
  hub.offline = false;
  act(() => {
    window.dispatchEvent(new Event('online'));
  });
}

/** The row of the Logs list for a trainee, once it shows `text`. */
async function rowSays(trainee: string, text: string | RegExp): Promise<HTMLElement> {
  const row = await screen.findByRole('row', { name: new RegExp(trainee) });
  await within(row).findByText(text, {}, { timeout: 4000 });
  return row;
}

/** Lets any pending uploads run; a test that then sees none proves none was tried. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('the outbox', () => {
  it('sends a class drill’s events in order, each only after it is stored on the tablet', async () => {
    const hub = new FakeHub().install();
    stopOutbox = startOutbox();
    const { sessionId, drill } = await beginDrill(fakeScenario(), asTrainee('T-7'), link);
    await drill.choose('sit-down');
    await drill.choose('call-locksmith');
    render(<LogsScreen />);
    await rowSays('T-7', 'On the hub');

    const local = (await loadLog(sessionId))!;
    expect(hub.seqs(sessionId)).toEqual(local.events.map((e) => e.seq));
    expect(hub.logs.get(sessionId)).toEqual(local.events);
    const sent = hub.uploads.flatMap((u) => u.seqs);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(hub.uploads.every((u) => u.storedLocallyFirst)).toBe(true);
    // The header is the log without its events, the same in every batch.
    const { events: _events, ...header } = local;
    for (const upload of hub.uploads) expect(upload.header).toEqual(header);
  });

  it('keeps drilling without a network, and catches up when the tablet is back online', async () => {
    const hub = new FakeHub().install();
    hub.offline = true;
    stopOutbox = startOutbox();
    const { sessionId, drill } = await beginDrill(fakeScenario(), asTrainee('T-8'), link);
    await drill.choose('sit-down');
    const after = await drill.choose('call-locksmith');
    expect(after.done).toBe(true);
    render(<LogsScreen />);
    await rowSays('T-8', 'On this device only');
    expect(hub.seqs(sessionId)).toEqual([]);

    goOnline(hub);
    await rowSays('T-8', 'On the hub');
    const local = (await loadLog(sessionId))!;
    expect(hub.logs.get(sessionId)).toEqual(local.events);
  });

  it('does not duplicate events the hub already stored when their answer was lost', async () => {
    const hub = new FakeHub().install();
    hub.loseAnswers = 1;
    stopOutbox = startOutbox();
    const { sessionId, drill } = await beginDrill(fakeScenario(), asTrainee('T-9'), link);
    await waitFor(() => expect(hub.uploads).toHaveLength(1));
    render(<LogsScreen />);
    await rowSays('T-9', 'On this device only');
    expect(hub.seqs(sessionId)).toEqual([1]);

    goOnline(hub);
    await rowSays('T-9', 'On the hub');
    await drill.choose('order-up');
    await settle();
    // The start event went twice (the retry), and the hub holds it once.
    expect(hub.uploads.map((u) => u.seqs[0])).toContain(1);
    expect(hub.uploads.filter((u) => u.seqs.includes(1)).length).toBe(2);
    const local = (await loadLog(sessionId))!;
    expect(hub.logs.get(sessionId)).toEqual(local.events);
    await rowSays('T-9', 'On the hub');
  });

  it('shows a refused log with the hub’s reason, and does not send it again by itself', async () => {
    const hub = new FakeHub().install();
    hub.refuse = { seq: 2, message: 'Event 2 does not follow from event 1.' };
    stopOutbox = startOutbox();
    const { sessionId, drill } = await beginDrill(fakeScenario(), asTrainee('T-10'), link);
    await drill.choose('sit-down');
    render(<LogsScreen />);
    await rowSays('T-10', 'Refused by the hub: Event 2 does not follow from event 1.');
    expect(hub.seqs(sessionId)).toEqual([1]);

    const tried = hub.uploads.length;
    hub.refuse = undefined;
    goOnline(hub);
    await drill.choose('call-locksmith');
    await settle();
    expect(hub.uploads.length).toBe(tried);
    // The drill itself went on: every event is on the tablet.
    expect((await loadLog(sessionId))!.events.at(-1)!.type).toBe('end');
  });

  it('sends a long log in batches of at most 200, resuming from the stored events at start', async () => {
    const hub = new FakeHub().install();
    const { sessionId, drill } = await beginDrill(loopScenario(), asTrainee('T-11'), link);
    for (let i = 0; i < 240; i += 1) await drill.choose('again');
    await drill.choose('stop');
    const local = (await loadLog(sessionId))!;
    expect(hub.uploads).toEqual([]);

    stopOutbox = startOutbox();
    render(<LogsScreen />);
    await rowSays('T-11', 'On the hub');
    expect(hub.uploads.map((u) => u.seqs.length)).toEqual([200, local.events.length - 200]);
    expect(hub.uploads[1]!.seqs[0]).toBe(201);
    expect(hub.logs.get(sessionId)).toEqual(local.events);
  });

  it('never sends one session from two loops at once, however often it is nudged', async () => {
    const hub = new FakeHub().install();
    const held = gate();
    hub.hold = held.promise;
    stopOutbox = startOutbox();
    const { sessionId, drill } = await beginDrill(fakeScenario(), asTrainee('T-13'), link);
    await waitFor(() => expect(hub.uploads.length + hub.maxInFlight).toBeGreaterThan(0));
    await drill.choose('sit-down');
    goOnline(hub);
    await drill.choose('call-locksmith');
    void flushOutbox();
    hub.hold = undefined;
    held.open();
    render(<LogsScreen />);
    await rowSays('T-13', 'On the hub');
    expect(hub.maxInFlight).toBe(1);
    expect(hub.logs.get(sessionId)).toEqual((await loadLog(sessionId))!.events);
  });

  it('never sends a drill started without a class, and says nothing new about it', async () => {
    const hub = new FakeHub().install();
    stopOutbox = startOutbox();
    const { drill } = await beginDrill(fakeScenario(), asTrainee('T-solo'));
    await drill.choose('order-up');
    render(<LogsScreen />);
    const row = await screen.findByRole('row', { name: /T-solo/ });
    await settle();
    expect(hub.uploads).toEqual([]);
    expect(row.textContent).not.toMatch(/hub|device only|Sending/);
  });
});

/** A beat the trainee can repeat as often as they like, for long logs. */
function loopScenario(): Scenario {
  return fakeScenario({
    id: 'long-talk',
    start: 'talk',
    variables: {},
    beats: {
      talk: {
        title: 'Talking',
        narrative: 'He keeps talking.',
        choices: [
          { id: 'again', label: 'Listen some more', to: 'talk' },
          { id: 'stop', label: 'Offer a lift home', to: 'home' },
        ],
      },
      home: {
        kind: 'outcome',
        title: 'He goes home',
        outcome: { result: 'resolved', force: 'none', officerInjury: false, subjectInjury: false },
      },
    },
  } as Partial<Scenario>);
}

describe('a class the hub has closed', () => {
  it('marks its unsent log as refused, and the tablet leaves the class', async () => {
    const hub = new FakeHub().install();
    hub.closed = true;
    const { saveMembership, loadMembership, loadClosedNotice } =
      await import('../../src/storage/membership');
    await saveMembership({
      token: 'device-token-1',
      device: { id: 'device-1', traineeId: 'T-12' },
      class: { id: 'class-1', name: 'Patrol 24-B', mode: 'assessment', code: 'K7QX4M' },
      joinedAt: 1,
    });
    stopOutbox = startOutbox();
    await beginDrill(fakeScenario(), asTrainee('T-12'), link);
    render(<LogsScreen />);
    await rowSays('T-12', 'Refused by the hub: This class has been closed.');
    expect(await loadMembership()).toBeUndefined();
    expect(await loadClosedNotice()).toBe('Patrol 24-B');
  });
});

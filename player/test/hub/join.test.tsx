import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { devicePublicKey } from '../../src/storage/device-key';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HomeScreen } from '../../src/home/HomeScreen';
import { JoinScreen } from '../../src/hub/JoinScreen';
import { startOutbox } from '../../src/hub/outbox';
import { LogsScreen } from '../../src/logs/LogsScreen';
import { parseRoute, routeHash } from '../../src/router';
import { closeDefuseDb } from '../../src/storage/db';
import { listLogs, loadLog } from '../../src/storage/logs';
import { loadMembership } from '../../src/storage/membership';
import { fakeScenario, freshDevice, seriousViolations } from '../support';
import { FakeHub } from './fake-hub';

const classScenario = fakeScenario({
  id: 'welfare-steps',
  title: 'Welfare check on the steps',
  summary: 'A class scenario from the hub.',
});

let stopOutbox: (() => void) | undefined;

beforeEach(freshDevice);
afterEach(() => {
  stopOutbox?.();
  stopOutbox = undefined;
  vi.unstubAllGlobals();
});

/** Opens the join screen as the QR code's link does, and joins as `trainee`. */
async function joinAs(trainee: string, hash = '#/join/K7QX4M') {
  window.location.hash = hash;
  const user = userEvent.setup();
  const view = render(<JoinScreen />);
  await user.type(screen.getByLabelText('Trainee ID'), trainee);
  await user.click(screen.getByRole('button', { name: 'Join class' }));
  return { user, view };
}

/** Renders the home screen as after a reload: a new connection to the same IndexedDB. */
async function reloadHome() {
  await closeDefuseDb();
  const view = render(<HomeScreen />);
  await screen.findByRole('heading', { name: 'Agitated patron at the public library' });
  return view;
}

describe('joining a class', () => {
  it('prefills the code from the QR link, joins, and goes back to the drills', async () => {
    const hub = new FakeHub(undefined, [classScenario]).install();
    window.location.hash = '#/join/k7qx4m';
    const { container } = render(<JoinScreen />);
    expect(screen.getByLabelText<HTMLInputElement>('Class code').value).toBe('k7qx4m');
    expect(await seriousViolations(container)).toEqual([]);
    await userEvent.setup().type(screen.getByLabelText('Trainee ID'), 'T-4471');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Join class' }));
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    // The tablet registers its signing key, so the hub accepts only logs it signed.
    const publicKey = await devicePublicKey();
    expect(publicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(hub.joins).toEqual([{ code: 'K7QX4M', traineeId: 'T-4471', publicKey }]);
    expect(await loadMembership()).toMatchObject({
      token: 'device-token-1',
      device: { traineeId: 'T-4471' },
      class: { name: 'Patrol 24-B', mode: 'assessment' },
    });
  });

  it('says so when no open class has the code, and stores nothing', async () => {
    new FakeHub().install();
    await joinAs('T-1', '#/join/WRONG9');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'No open class has the code WRONG9',
    );
    expect(await loadMembership()).toBeUndefined();
    expect(window.location.hash).toBe('#/join/WRONG9');
  });

  it('asks the trainee to wait when the hub limits tries', async () => {
    const hub = new FakeHub().install();
    hub.joinStatus.set('K7QX4M', 429);
    await joinAs('T-1');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Too many tries. Wait a minute, then try again.',
    );
  });

  it('says when the hub cannot be reached', async () => {
    const hub = new FakeHub().install();
    hub.offline = true;
    await joinAs('T-1');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The class hub cannot be reached',
    );
    expect(await loadMembership()).toBeUndefined();
  });
});

describe('the join route', () => {
  it('reads the class code from the QR code’s link', () => {
    expect(parseRoute('#/join/K7QX4M')).toEqual({ name: 'join', code: 'K7QX4M' });
    expect(parseRoute('#/join')).toEqual({ name: 'join', code: '' });
    expect(routeHash({ name: 'join', code: 'K7QX4M' })).toBe('#/join/K7QX4M');
  });
});

describe('the home screen in a class', () => {
  it('offers "Join a class" only when a hub served the page', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const alone = await reloadHome();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('link', { name: 'Join a class' })).toBeNull();
    alone.unmount();

    new FakeHub().install();
    await reloadHome();
    expect((await screen.findByRole('link', { name: 'Join a class' })).getAttribute('href')).toBe(
      '#/join',
    );
  });

  it('shows the class and its scenarios from the tablet after the network is gone', async () => {
    const hub = new FakeHub(undefined, [classScenario]).install();
    const joined = await joinAs('T-4471');
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    joined.view.unmount();

    hub.offline = true;
    const { container } = await reloadHome();
    expect(await screen.findByText('Class Patrol 24-B · trainee T-4471')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Leave class' })).toBeTruthy();
    const cards = container.querySelectorAll('[data-scenario-id]');
    await waitFor(() => expect(cards[0]?.getAttribute('data-scenario-id')).toBe('welfare-steps'));
    // The trainee id comes from the class and cannot be changed; the mode is the class's.
    expect(screen.queryByLabelText('Trainee ID')).toBeNull();
    expect(screen.queryByRole('radio', { name: 'Training' })).toBeNull();
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('runs a class drill as the class’s trainee, in its mode, and lists it as on this device only while offline', async () => {
    const hub = new FakeHub(undefined, [classScenario]).install();
    const joined = await joinAs('T-4471');
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    joined.view.unmount();
    hub.offline = true;
    stopOutbox = startOutbox();

    const user = userEvent.setup();
    const home = await reloadHome();
    const card = await waitFor(() => {
      const found = home.container.querySelector<HTMLElement>('[data-scenario-id="welfare-steps"]');
      if (!found) throw new Error('no class scenario yet');
      return found;
    });
    await user.click(within(card).getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/drill\//));
    const sessionId = decodeURIComponent(window.location.hash.split('/')[2]!);
    expect(await loadLog(sessionId)).toMatchObject({
      trainee: { id: 'T-4471' },
      mode: 'assessment',
      scenario: { id: 'welfare-steps' },
    });
    home.unmount();

    render(<LogsScreen />);
    const row = await screen.findByRole('row', { name: /T-4471/ });
    await within(row).findByText('On this device only');
  });

  it('says the class was closed, goes back to use without a class, and keeps the logs', async () => {
    const hub = new FakeHub(undefined, [classScenario]).install();
    const joined = await joinAs('T-4471');
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    joined.view.unmount();
    const { beginDrill } = await import('../../src/drill/session');
    await beginDrill(
      classScenario,
      {
        traineeId: 'T-4471',
        mode: 'assessment',
        instructor: 'solo',
      },
      { classId: 'class-1', className: 'Patrol 24-B', deviceToken: 'device-token-1' },
    );

    hub.closed = true;
    await reloadHome();
    expect((await screen.findByRole('alert')).textContent).toContain('This class has been closed');
    expect(screen.queryByText(/Class Patrol 24-B · trainee/)).toBeNull();
    expect(screen.getByLabelText('Trainee ID')).toBeTruthy();
    expect(await loadMembership()).toBeUndefined();
    expect((await listLogs()).map((l) => l.traineeId)).toEqual(['T-4471']);
  });

  it('leaves the class after confirmation and keeps the drills done in it', async () => {
    new FakeHub(undefined, [classScenario]).install();
    const joined = await joinAs('T-4471');
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    joined.view.unmount();
    const { beginDrill } = await import('../../src/drill/session');
    const link = { classId: 'class-1', className: 'Patrol 24-B', deviceToken: 'device-token-1' };
    const { sessionId } = await beginDrill(
      classScenario,
      { traineeId: 'T-4471', mode: 'assessment', instructor: 'solo' },
      link,
    );
    const user = userEvent.setup();
    await reloadHome();
    await user.click(await screen.findByRole('button', { name: 'Leave class' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave this class?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave class' }));
    await waitFor(() => expect(screen.queryByText(/Class Patrol 24-B/)).toBeNull());
    expect(await screen.findByRole('link', { name: 'Join a class' })).toBeTruthy();
    expect(document.querySelector('[data-scenario-id="welfare-steps"]')).toBeNull();
    expect(screen.getByLabelText('Trainee ID')).toBeTruthy();
    expect((await loadLog(sessionId))!.events.map((e) => e.type)).toEqual(['start']);
  });
});

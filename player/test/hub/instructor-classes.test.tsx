import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CLASS_REFRESH_MS } from '../../src/hub/instructor/ClassPage';
import { HubArea } from '../../src/hub/instructor/HubArea';
import { seriousViolations } from '../support';
import {
  fakeAccount,
  fakeClass,
  fakeDevice,
  fakeHub,
  fakeScenarioVersions,
  goTo,
  signedInAs,
} from './instructor-fake-hub';

/** Typing whole forms with user-event takes seconds when the whole suite runs in parallel. */
const FLOW = { timeout: 20_000 };

beforeEach(() => goTo('#/hub'));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const instructor = fakeAccount({ role: 'instructor', name: 'Officer Lind' });

describe('class list', () => {
  it('lists open classes first with mode, scenarios, tablets and creation date', async () => {
    fakeHub({
      ...signedInAs(instructor),
      'GET /classes': {
        status: 200,
        body: {
          classes: [
            fakeClass({
              id: 'new-closed',
              name: 'Night shift refresher',
              open: false,
              createdAt: '2026-03-04T09:00:00.000Z',
              closedAt: '2026-03-04T12:00:00.000Z',
            }),
            fakeClass({ id: 'old-open', name: 'Patrol course, week 3', deviceCount: 1 }),
          ],
        },
      },
    });
    render(<HubArea />);
    const table = await screen.findByRole('table', { name: 'Class sessions, open ones first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Patrol course, week 3Open',
      'Night shift refresherClosed',
    ]);
    const cells = within(rows[0]!).getAllByRole('cell');
    expect(cells[0]!.textContent).toBe('Training');
    expect(cells[1]!.textContent).toBe('An agitated patron in the library v1.2.0');
    expect(cells[2]!.textContent).toBe('1 tablet');
    expect(cells[3]!.textContent).toMatch(/2026/);
    expect(
      within(rows[0]!).getByRole('link', { name: 'Patrol course, week 3' }).getAttribute('href'),
    ).toBe('#/hub/classes/old-open');
  });
});

describe('new class', FLOW, () => {
  it('creates a class from published scenarios and shows its code and QR code', async () => {
    const created = fakeClass({
      id: 'class-9',
      name: 'Patrol course, week 4',
      mode: 'assessment',
      code: 'QW3RT9',
      scenarios: [fakeScenarioVersions()[1]!],
    });
    const hub = fakeHub({
      ...signedInAs(instructor),
      'GET /scenarios': { status: 200, body: { scenarios: fakeScenarioVersions() } },
      'POST /classes': { status: 201, body: created },
      'GET /classes/class-9': { status: 200, body: { ...created, devices: [] } },
    });
    const user = userEvent.setup({ delay: null });
    render(<HubArea />);
    await user.click(await screen.findByRole('link', { name: 'New class' }));
    await screen.findByRole('heading', { name: 'New class', level: 1 });

    // Title and version of every published scenario are offered.
    const pick = await screen.findByRole('checkbox', {
      name: /A welfare check on the front steps Version 1\.0\.0/,
    });
    expect(
      screen.getByRole('checkbox', { name: /An agitated patron in the library Version 1\.2\.0/ }),
    ).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Create class' }));
    expect(screen.getByText('Pick at least one scenario.')).toBeTruthy();
    expect(hub.sent('POST', '/classes')).toHaveLength(0);

    await user.type(screen.getByLabelText('Class name'), 'Patrol course, week 4');
    await user.click(screen.getByRole('radio', { name: 'Assessment' }));
    await user.click(pick);
    await user.click(screen.getByRole('button', { name: 'Create class' }));

    await screen.findByRole('heading', { name: 'Patrol course, week 4', level: 1 });
    expect(hub.sent('POST', '/classes')[0]!.body).toEqual({
      name: 'Patrol course, week 4',
      mode: 'assessment',
      scenarios: ['sha256-welfare-100'],
    });
    expect(hub.sent('POST', '/classes')[0]!.headers['x-csrf-token']).toBe('csrf-123');
    expect(window.location.hash).toBe('#/hub/classes/class-9');

    const join = screen.getByRole('region', { name: 'Join this class' });
    expect(join.querySelector('.hub-join-code')!.textContent).toBe('QW3RT9');
    expect(within(join).getByText('Join code: Q W 3 R T 9')).toBeTruthy();
    expect(join.textContent).toContain(`Join at ${window.location.origin} with code QW3RT9`);
    const qr = within(join).getByRole('img');
    expect(qr.getAttribute('src')).toBe('/api/v1/classes/class-9/qr.svg');
    expect(qr.getAttribute('alt')).toBe(
      `QR code that opens ${window.location.origin}/#/join/QW3RT9 to join Patrol course, week 4`,
    );
    expect(await seriousViolations(document.body)).toEqual([]);
  });

  it('shows the hub’s refusal in words', async () => {
    fakeHub({
      ...signedInAs(instructor),
      'GET /scenarios': { status: 200, body: { scenarios: fakeScenarioVersions() } },
      'POST /classes': {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Scenario sha256-welfare-100 is not published on this hub.',
        },
      },
    });
    const user = userEvent.setup({ delay: null });
    goTo('#/hub/new-class');
    render(<HubArea />);
    await user.type(await screen.findByLabelText('Class name'), 'Week 4');
    await user.click(await screen.findByRole('checkbox', { name: /welfare check/ }));
    await user.click(screen.getByRole('button', { name: 'Create class' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The class was not created. Scenario sha256-welfare-100 is not published on this hub.',
    );
    expect(window.location.hash).toBe('#/hub/new-class');
  });
});

describe('class page', FLOW, () => {
  it('fetches the joined tablets again every few seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const info = fakeClass();
    const hub = fakeHub({
      ...signedInAs(instructor),
      'GET /classes/class-1': {
        status: 200,
        body: { ...info, devices: [fakeDevice('T-101', '2026-03-03T09:05:00.000Z')] },
      },
    });
    goTo('#/hub/classes/class-1');
    render(<HubArea />);
    const tablets = await screen.findByRole('table', { name: 'Tablets that joined this class' });
    expect(
      within(tablets)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['T-101']);
    expect(screen.getByText(/^1 tablet joined/)).toBeTruthy();

    hub.routes['GET /classes/class-1'] = {
      status: 200,
      body: {
        ...info,
        devices: [
          fakeDevice('T-101', '2026-03-03T09:05:00.000Z'),
          fakeDevice('T-102', '2026-03-03T09:06:00.000Z'),
        ],
      },
    };
    await act(() => vi.advanceTimersByTimeAsync(CLASS_REFRESH_MS));
    await waitFor(() =>
      expect(
        within(tablets)
          .getAllByRole('rowheader')
          .map((r) => r.textContent),
      ).toEqual(['T-101', 'T-102']),
    );
    expect(screen.getByText(/^2 tablets joined/)).toBeTruthy();
  });

  it('closes a class only after a confirmation that says tablets will be signed out', async () => {
    const info = fakeClass();
    const devices = [fakeDevice('T-101', '2026-03-03T09:05:00.000Z')];
    const closed = { ...info, open: false, closedAt: '2026-03-03T11:00:00.000Z' };
    const hub = fakeHub({
      ...signedInAs(instructor),
      'GET /classes/class-1': { status: 200, body: { ...info, devices } },
      'POST /classes/class-1/close': () => {
        hub.routes['GET /classes/class-1'] = {
          status: 200,
          body: { ...closed, devices: devices.map((d) => ({ ...d, revoked: true })) },
        };
        return { status: 200, body: closed };
      },
    });
    const user = userEvent.setup({ delay: null });
    goTo('#/hub/classes/class-1');
    render(<HubArea />);

    await user.click(await screen.findByRole('button', { name: 'Close class' }));
    let dialog = screen.getByRole('alertdialog', { name: 'Close “Patrol course, week 3”?' });
    expect(dialog.textContent).toContain(
      'The 1 tablet in this class will be signed out, and code KX7P2M will stop working.',
    );
    expect(await seriousViolations(document.body)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(hub.sent('POST', '/classes/class-1/close')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Close class' }));
    dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Close class' }));

    await screen.findByRole('heading', { name: 'This class is closed' });
    expect(hub.sent('POST', '/classes/class-1/close')).toHaveLength(1);
    expect(screen.queryByRole('region', { name: 'Join this class' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close class' })).toBeNull();
  });

  it('says in words when the class is not on the hub', async () => {
    fakeHub({
      ...signedInAs(instructor),
      'GET /classes/nope': {
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'No class with this id.' },
      },
    });
    goTo('#/hub/classes/nope');
    render(<HubArea />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This class could not be loaded. No class with this id.Try again',
    );
  });
});

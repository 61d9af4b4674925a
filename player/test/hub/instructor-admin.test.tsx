import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HubArea } from '../../src/hub/instructor/HubArea';
import { seriousViolations } from '../support';
import { fakeAccount, fakeHub, goTo, signedInAs } from './instructor-fake-hub';

/** Typing whole forms with user-event takes seconds when the whole suite runs in parallel. */
const FLOW = { timeout: 20_000 };

const admin = fakeAccount();

beforeEach(() => goTo('#/hub'));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Captures what the page hands to the browser as downloads. */
function captureDownloads(): { name: string; blob: Blob }[] {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('accounts', FLOW, () => {
  it('lists accounts and creates an instructor; a taken e-mail shows the hub’s message', async () => {
    const hub = fakeHub({
      ...signedInAs(admin),
      'GET /accounts': { status: 200, body: { accounts: [admin] } },
      'POST /accounts': ({ body }) => {
        const b = body as { email: string; name: string; role: 'admin' | 'instructor' };
        return {
          status: 201,
          body: {
            account: fakeAccount({ id: 'acc-2', email: b.email, name: b.name, role: b.role }),
          },
        };
      },
    });
    const user = userEvent.setup({ delay: null });
    goTo('#/hub/accounts');
    render(<HubArea />);
    const table = await screen.findByRole('table', { name: 'Accounts on this hub' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['Sgt. Okafor']);

    const form = screen.getByRole('region', { name: 'New account' });
    await user.type(within(form).getByLabelText('E-mail'), 'lind@academy.example');
    await user.type(within(form).getByLabelText('Name'), 'Officer Lind');
    await user.type(within(form).getByLabelText('Password'), 'too-short');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(within(form).getByText('The password needs at least 10 characters.')).toBeTruthy();
    expect(hub.sent('POST', '/accounts')).toHaveLength(0);

    await user.type(within(form).getByLabelText('Password'), '-but-now-long');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    await within(form).findByText('Officer Lind can now sign in as lind@academy.example.');
    expect(hub.sent('POST', '/accounts')[0]!.body).toEqual({
      email: 'lind@academy.example',
      name: 'Officer Lind',
      password: 'too-short-but-now-long',
      role: 'instructor',
    });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['Sgt. Okafor', 'Officer Lind']);

    hub.routes['POST /accounts'] = {
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'An account with this e-mail exists.' },
    };
    await user.type(within(form).getByLabelText('E-mail'), 'lind@academy.example');
    await user.type(within(form).getByLabelText('Name'), 'Officer Lind');
    await user.type(within(form).getByLabelText('Password'), 'calm-voice-2026');
    await user.click(within(form).getByRole('radio', { name: 'Admin' }));
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The account was not created. An account with this e-mail exists.',
    );
    expect((hub.sent('POST', '/accounts')[1]!.body as { role: string }).role).toBe('admin');
    expect(await seriousViolations(document.body)).toEqual([]);
  });
});

describe('admin settings', FLOW, () => {
  it('keeps logs forever or for a number of days', async () => {
    const hub = fakeHub({
      ...signedInAs(admin),
      'GET /settings': { status: 200, body: { retentionDays: null } },
      'PUT /settings': ({ body }) => ({ status: 200, body }),
    });
    const user = userEvent.setup({ delay: null });
    goTo('#/hub/admin');
    render(<HubArea />);
    const section = await screen.findByRole('region', { name: 'Keeping decision logs' });
    await within(section).findByText('Now: Decision logs are kept until an admin deletes them.');
    expect(await seriousViolations(document.body)).toEqual([]);

    await user.click(
      within(section).getByRole('radio', { name: 'Delete logs older than a number of days' }),
    );
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    expect(within(section).getByText('Enter a whole number of days, 1 or more.')).toBeTruthy();
    expect(hub.sent('PUT', '/settings')).toHaveLength(0);

    await user.type(within(section).getByLabelText('Days to keep logs'), '90');
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    await within(section).findByText('Saved. Decision logs older than 90 days are deleted.');
    expect(hub.sent('PUT', '/settings')[0]!.body).toEqual({ retentionDays: 90 });
    expect(hub.sent('PUT', '/settings')[0]!.headers['x-csrf-token']).toBe('csrf-123');

    await user.click(
      within(section).getByRole('radio', { name: 'Keep them until an admin deletes them' }),
    );
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(hub.sent('PUT', '/settings')).toHaveLength(2));
    expect(hub.sent('PUT', '/settings')[1]!.body).toEqual({ retentionDays: null });
  });

  it('exports a trainee’s data as a JSON file', async () => {
    const exported = { traineeId: 'T-17', devices: [], logs: [] };
    const hub = fakeHub({
      ...signedInAs(admin),
      'GET /settings': { status: 200, body: { retentionDays: 30 } },
      'GET /trainees/T-17/export': { status: 200, body: exported },
    });
    const downloads = captureDownloads();
    const user = userEvent.setup({ delay: null });
    goTo('#/hub/admin');
    render(<HubArea />);
    const section = await screen.findByRole('region', { name: 'A trainee’s data' });
    await user.type(within(section).getByLabelText('Trainee id'), 'T-17');
    await user.click(within(section).getByRole('button', { name: 'Export data' }));
    await within(section).findByText(
      'Exported the data of trainee T-17 as trainee-T-17-export.json.',
    );
    expect(hub.sent('GET', '/trainees/T-17/export')).toHaveLength(1);
    expect(downloads.map((d) => d.name)).toEqual(['trainee-T-17-export.json']);
    expect(JSON.parse(await blobText(downloads[0]!.blob))).toEqual(exported);
  });

  it('deletes a trainee’s data only after a confirmation naming the trainee', async () => {
    const hub = fakeHub({
      ...signedInAs(admin),
      'GET /settings': { status: 200, body: { retentionDays: null } },
      'DELETE /trainees/T-17': { status: 200, body: { deletedLogs: 3 } },
    });
    const user = userEvent.setup({ delay: null });
    goTo('#/hub/admin');
    render(<HubArea />);
    const section = await screen.findByRole('region', { name: 'A trainee’s data' });
    await user.click(within(section).getByRole('button', { name: 'Delete data…' }));
    expect(
      within(section).getByText('Enter the trainee id, as it appears in the logs.'),
    ).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await user.type(within(section).getByLabelText('Trainee id'), 'T-17');
    await user.click(within(section).getByRole('button', { name: 'Delete data…' }));
    let dialog = screen.getByRole('alertdialog', { name: 'Delete the data of trainee T-17?' });
    expect(dialog.textContent).toContain(
      'Every decision log of trainee T-17 held by this hub, with the notes instructors wrote on them, will be deleted.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(hub.sent('DELETE', '/trainees/T-17')).toHaveLength(0);

    await user.click(within(section).getByRole('button', { name: 'Delete data…' }));
    dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete data' }));
    await within(section).findByText('Deleted 3 decision logs of trainee T-17 from the hub.');
    expect(hub.sent('DELETE', '/trainees/T-17')).toHaveLength(1);
  });
});

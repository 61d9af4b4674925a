import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { fakeScenario } from './factories';
import { fakeHub, INSTRUCTOR, signedInRoutes } from './fake-hub';
import { renderEditor } from './render';

afterEach(() => vi.unstubAllGlobals());

const PATRON_V2 = fakeScenario({ version: '1.1.0', title: 'Agitated patron (revised)' });

const VERSIONS = [
  {
    id: 'library-patron',
    version: '1.1.0',
    digest: 'sha256:bb',
    title: 'Agitated patron (revised)',
    publishedAt: '2025-03-12T14:05:00Z',
    publishedBy: 'Sam Ortiz',
  },
  {
    id: 'welfare-check',
    version: '2.0.0',
    digest: 'sha256:cc',
    title: 'Welfare check',
    publishedAt: '2025-03-11T10:00:00Z',
    publishedBy: 'Lee Park',
  },
  {
    id: 'library-patron',
    version: '1.0.0',
    digest: 'sha256:aa',
    title: 'Agitated patron at the public library',
    publishedAt: '2025-03-01T09:30:00Z',
    publishedBy: 'Sam Ortiz',
  },
];

function hubSection(): HTMLElement {
  return screen.getByRole('region', { name: 'On the hub' });
}

// Whole-editor renders; a busy machine can take more than the default 5 s.
describe('On the hub, in the Library panel', { timeout: 15_000 }, () => {
  it('groups published versions by scenario and opens one as a local copy', async () => {
    const calls = fakeHub({
      ...signedInRoutes(),
      'GET /api/v1/scenarios': { status: 200, body: { scenarios: VERSIONS } },
      'GET /api/v1/scenarios/library-patron/1.1.0': { status: 200, body: PATRON_V2 },
    });
    const { session, ui, user } = await renderEditor(fakeScenario({ title: 'My draft' }));
    const before = session.state.getState().key;
    act(() => ui.getState().set({ sideTab: 'library' }));
    await screen.findByRole('button', { name: 'Open Welfare check v2.0.0' });

    const groups = within(hubSection()).getAllByText(/ · \d versions?$/);
    expect(groups.map((g) => g.textContent)).toEqual([
      'library-patron · 2 versions',
      'welfare-check · 1 version',
    ]);
    const patron = hubSection().querySelector<HTMLElement>('[data-hub-scenario="library-patron"]')!;
    expect(
      within(patron)
        .getAllByRole('button', { name: /^Open / })
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual([
      'Open Agitated patron (revised) v1.1.0',
      'Open Agitated patron at the public library v1.0.0',
    ]);

    await user.click(within(patron).getByRole('button', { name: /v1\.1\.0$/ }));
    await waitFor(() =>
      expect(ui.getState().message?.text).toBe(
        'Opened “Agitated patron (revised)” v1.1.0 from the hub.',
      ),
    );
    const { doc, history } = session.store.getState();
    expect(doc.title).toBe('Agitated patron (revised)');
    expect(doc.version).toBe('1.1.0');
    expect(Object.keys(doc.beats)).toEqual(Object.keys(PATRON_V2.beats));
    expect(history.past).toHaveLength(0);
    expect(session.state.getState().key).not.toBe(before);
    expect(calls.map((c) => c.path)).toContain('/api/v1/scenarios/library-patron/1.1.0');
  });

  it('refuses a published text that is not a scenario, as an imported file is', async () => {
    fakeHub({
      ...signedInRoutes(),
      'GET /api/v1/scenarios': { status: 200, body: { scenarios: [VERSIONS[1]] } },
      'GET /api/v1/scenarios/welfare-check/2.0.0': {
        status: 200,
        body: { format: 'something-else', beats: [] },
      },
    });
    const { session, ui, user } = await renderEditor(fakeScenario({ title: 'My draft' }));
    act(() => ui.getState().set({ sideTab: 'library' }));
    await user.click(await screen.findByRole('button', { name: 'Open Welfare check v2.0.0' }));
    await waitFor(() => expect(ui.getState().message?.tone).toBe('error'));
    expect(ui.getState().message?.text).toMatch(
      /^“Welfare check” v2\.0\.0 from the hub is not a Defuse scenario, so nothing was opened\./,
    );
    expect(session.store.getState().doc.title).toBe('My draft');
  });

  it('offers sign-in when nobody is signed in, then lists the versions', async () => {
    let signedIn = false;
    fakeHub({
      ...signedInRoutes(),
      'GET /api/v1/auth/me': () =>
        signedIn
          ? { status: 200, body: { account: INSTRUCTOR, csrfToken: 'c' } }
          : { status: 401, body: { statusCode: 401, message: 'Sign in first.' } },
      'POST /api/v1/auth/login': () => {
        signedIn = true;
        return { status: 200, body: { account: INSTRUCTOR, csrfToken: 'c' } };
      },
      'GET /api/v1/scenarios': () =>
        signedIn
          ? { status: 200, body: { scenarios: VERSIONS } }
          : { status: 401, body: { statusCode: 401, message: 'Sign in first.' } },
    });
    const { ui, user } = await renderEditor();
    act(() => ui.getState().set({ sideTab: 'library' }));
    const section = await screen.findByRole('region', { name: 'On the hub' });
    await user.click(await within(section).findByRole('button', { name: 'Sign in…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign in to the hub' });
    await user.type(within(dialog).getByLabelText('Email'), INSTRUCTOR.email);
    await user.type(within(dialog).getByLabelText('Password'), 'correct horse');
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('button', { name: 'Open Welfare check v2.0.0' })).toBeTruthy();
    expect(hubSection().textContent).toContain('Signed in as Sam Ortiz.');
  });

  it('signs out, and then offers sign-in again', async () => {
    const calls = fakeHub({
      ...signedInRoutes(),
      'GET /api/v1/scenarios': { status: 200, body: { scenarios: VERSIONS } },
      'POST /api/v1/auth/logout': { status: 204 },
    });
    const { ui, user } = await renderEditor();
    act(() => ui.getState().set({ sideTab: 'library' }));
    await screen.findByRole('button', { name: 'Open Welfare check v2.0.0' });
    await user.click(within(hubSection()).getByRole('button', { name: 'Sign out' }));
    expect(await within(hubSection()).findByRole('button', { name: 'Sign in…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open Welfare check v2.0.0' })).toBeNull();
    const logout = calls.find((c) => c.path === '/api/v1/auth/logout');
    expect(logout?.headers['x-csrf-token']).toBe('csrf-1');
  });

  it('is not shown when the page was not served by a hub', async () => {
    const calls = fakeHub({ 'GET /api/v1/health': 'unreachable' });
    const { ui } = await renderEditor();
    act(() => ui.getState().set({ sideTab: 'library' }));
    await screen.findByRole('region', { name: 'Shipped scenarios' });
    await waitFor(() => expect(calls.map((c) => c.path)).toContain('/api/v1/health'));
    await act(() => Promise.resolve());
    expect(screen.queryByRole('region', { name: 'On the hub' })).toBeNull();
  });
});

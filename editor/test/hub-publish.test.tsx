import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { exportText } from '../src/export-format';
import { fakeScenario } from './factories';
import { fakeHub, INSTRUCTOR, signedInRoutes, type HubCall } from './fake-hub';
import { renderEditor } from './render';

afterEach(() => vi.unstubAllGlobals());

const PUBLISHED = {
  id: 'library-patron',
  version: '1.0.0',
  digest: 'sha256:0f3a',
  title: 'Agitated patron at the public library',
  publishedAt: '2025-03-12T14:05:00Z',
  publishedBy: 'Sam Ortiz',
};

function posts(calls: HubCall[]): HubCall[] {
  return calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/scenarios');
}

// Whole-editor renders; a busy machine can take more than the default 5 s.
describe('Publish to hub', { timeout: 15_000 }, () => {
  it('is not offered when the page was not served by a hub', async () => {
    const calls = fakeHub({ 'GET /api/v1/health': 'unreachable' });
    await renderEditor(fakeScenario());
    await waitFor(() => expect(calls.map((c) => c.path)).toContain('/api/v1/health'));
    await act(() => Promise.resolve());
    expect(screen.getByRole('button', { name: 'Export' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Publish to hub' })).toBeNull();
  });

  it('sends the exported text and says which version was published', async () => {
    const calls = fakeHub({
      ...signedInRoutes(),
      'POST /api/v1/scenarios': { status: 201, body: PUBLISHED },
    });
    const { session, ui, user } = await renderEditor(fakeScenario());
    await user.click(await screen.findByRole('button', { name: 'Publish to hub' }));
    await waitFor(() =>
      expect(ui.getState().message?.text).toBe(
        'Published Agitated patron at the public library v1.0.0.',
      ),
    );
    const [post] = posts(calls);
    expect(post?.body).toBe(exportText(session.store.getState().doc));
    expect(post?.headers['x-csrf-token']).toBe('csrf-1');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('refuses a scenario with errors without sending anything', async () => {
    const calls = fakeHub(signedInRoutes());
    const { user } = await renderEditor(fakeScenario({ start: 'nowhere' }));
    await user.click(await screen.findByRole('button', { name: 'Publish to hub' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Not published: fix the errors first',
    });
    expect(dialog.textContent).toContain('This scenario has 1 error.');
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/health']);
  });

  it('signs in first when nobody is, showing the hub’s refusal, then publishes', async () => {
    let signedIn = false;
    const calls = fakeHub({
      ...signedInRoutes(),
      'GET /api/v1/auth/me': () =>
        signedIn
          ? { status: 200, body: { account: INSTRUCTOR, csrfToken: 'csrf-2' } }
          : { status: 401, body: { statusCode: 401, message: 'Sign in first.' } },
      'POST /api/v1/auth/login': (call) => {
        const { password } = JSON.parse(call.body ?? '{}') as { password: string };
        if (password !== 'correct horse') {
          return { status: 401, body: { statusCode: 401, message: 'Wrong email or password.' } };
        }
        signedIn = true;
        return { status: 200, body: { account: INSTRUCTOR, csrfToken: 'csrf-2' } };
      },
      'POST /api/v1/scenarios': { status: 200, body: PUBLISHED },
    });
    const { ui, user } = await renderEditor(fakeScenario());
    await user.click(await screen.findByRole('button', { name: 'Publish to hub' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign in to the hub' });
    await user.type(within(dialog).getByLabelText('Email'), INSTRUCTOR.email);
    await user.type(within(dialog).getByLabelText('Password'), 'wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Wrong email or password.');
    expect(posts(calls)).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('Password'));
    await user.type(within(dialog).getByLabelText('Password'), 'correct horse');
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(ui.getState().message?.text).toBe(
        'Published Agitated patron at the public library v1.0.0.',
      ),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(posts(calls)[0]?.headers['x-csrf-token']).toBe('csrf-2');
  });

  it('asks to raise the version when the hub has it with another text', async () => {
    const message =
      'Version 1.0.0 of "library-patron" is already on the hub with a different text. Raise the version (for example to the next patch number) and publish again.';
    fakeHub({
      ...signedInRoutes(),
      'POST /api/v1/scenarios': { status: 409, body: { statusCode: 409, message } },
    });
    const { session, user } = await renderEditor(fakeScenario());
    await user.click(await screen.findByRole('button', { name: 'Publish to hub' }));
    const dialog = await screen.findByRole('dialog', { name: 'Not published: raise the version' });
    expect(dialog.textContent).toContain(message);
    await user.click(within(dialog).getByRole('button', { name: 'Raise to 1.0.1' }));
    expect(session.store.getState().doc.version).toBe('1.0.1');
    expect(screen.queryByRole('dialog')).toBeNull();
    // Raising is an ordinary edit: one undo step brings 1.0.0 back.
    await user.click(screen.getByRole('button', { name: /^↶ Undo/ }));
    expect(session.store.getState().doc.version).toBe('1.0.0');
  });

  it('takes the instructor to the version field after a 409', async () => {
    fakeHub({
      ...signedInRoutes(),
      'POST /api/v1/scenarios': { status: 409, body: { statusCode: 409, message: 'Taken.' } },
    });
    const { ui, user } = await renderEditor(fakeScenario());
    act(() => ui.getState().set({ sideTab: 'variables' }));
    await user.click(await screen.findByRole('button', { name: 'Publish to hub' }));
    const dialog = await screen.findByRole('dialog', { name: 'Not published: raise the version' });
    await user.click(within(dialog).getByRole('button', { name: 'Go to the version' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Version')));
    expect(ui.getState().sideTab).toBe('scenario');
  });

  it('lists the hub’s findings and selects the beat of the one clicked', async () => {
    fakeHub({
      ...signedInRoutes(),
      'POST /api/v1/scenarios': {
        status: 422,
        body: {
          statusCode: 422,
          message: 'The scenario has 1 error: the choice leads nowhere.',
          diagnostics: [
            {
              code: 'DF301',
              severity: 'error',
              message: "Choice 'listen' leads to 'nowhere', which is not a beat.",
              path: '/beats/desk/choices/0/to',
              beat: 'desk',
            },
            { code: 'DF410', severity: 'warning', message: 'No summary.', path: '/summary' },
          ],
        },
      },
    });
    const { session, user } = await renderEditor(fakeScenario());
    await user.click(await screen.findByRole('button', { name: 'Publish to hub' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Not published: the hub found problems',
    });
    const list = within(dialog).getByRole('list', { name: "The hub's findings" });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-diagnostic-code'))).toEqual(['DF301', 'DF410']);
    expect(items[0]?.textContent).toContain("leads to 'nowhere'");
    expect(items[0]?.textContent).toContain("beat 'desk'");
    const result = await axe.run(dialog, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
    await user.click(within(items[0]!).getByRole('button'));
    expect(session.store.getState().selection.beats).toEqual(['desk']);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so when the scenario is too large or the hub cannot be reached', async () => {
    let answer: 'large' | 'down' = 'large';
    fakeHub({
      ...signedInRoutes(),
      'POST /api/v1/scenarios': () =>
        answer === 'large'
          ? { status: 413, body: { statusCode: 413, message: 'Request body is too large' } }
          : 'unreachable',
    });
    const { user } = await renderEditor(fakeScenario());
    await user.click(await screen.findByRole('button', { name: 'Publish to hub' }));
    let dialog = await screen.findByRole('dialog', { name: 'Not published: too large' });
    expect(dialog.textContent).toContain('the hub takes up to 5 MB');
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    answer = 'down';
    await user.click(screen.getByRole('button', { name: 'Publish to hub' }));
    dialog = await screen.findByRole('dialog', { name: 'Not published: no connection to the hub' });
    expect(dialog.textContent).toContain('Your work is kept in this browser');
  });
});

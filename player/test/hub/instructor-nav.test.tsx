import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/App';
import { freshDevice } from '../support';
import { fakeHub, signedOut } from './instructor-fake-hub';

beforeEach(freshDevice);
afterEach(() => vi.unstubAllGlobals());

describe('Class hub in the top bar', () => {
  it('is offered when a hub served the page, and opens its sign-in', async () => {
    const hub = fakeHub({
      ...signedOut(false),
      'GET /health': { status: 200, body: { ok: true, database: 'pglite', version: '0.1.0' } },
    });
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const link = await within(nav).findByRole('link', { name: 'Class hub' });
    expect(link.getAttribute('href')).toBe('#/hub');
    window.location.hash = '#/hub';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByRole('heading', { name: 'Sign in to the class hub' });
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(hub.sent('GET', '/health')).toHaveLength(1);
  });

  it('is not offered when no hub answers', async () => {
    const hub = fakeHub({});
    render(<App />);
    await screen.findByRole('heading', { name: 'Drills', level: 1 });
    await waitFor(() => expect(hub.sent('GET', '/health')).toHaveLength(1));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Class hub' })).toBeNull();
  });
});

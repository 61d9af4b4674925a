import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { App } from '../src/App';
import { parseRoute, routeHash } from '../src/router';
import { freshDevice } from './support';

beforeEach(freshDevice);

describe('navigation', () => {
  it('offers Drills, Logs and Debrief, marking the current one', async () => {
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['Drills', 'Logs', 'Debrief']);
    expect(within(nav).getByRole('link', { name: 'Drills' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await screen.findByRole('heading', { name: 'Drills', level: 1 });
    act(() => {
      window.location.hash = '#/logs';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await screen.findByRole('heading', { name: 'Logs', level: 1 });
    expect(within(nav).getByRole('link', { name: 'Logs' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('reads and writes routes in the URL hash', () => {
    expect(parseRoute('#/drill/abc%2F1')).toEqual({ name: 'drill', sessionId: 'abc/1' });
    expect(parseRoute('#/debrief/x/timeline')).toEqual({ name: 'debrief', rest: 'x/timeline' });
    expect(parseRoute('#/nonsense')).toEqual({ name: 'home' });
    expect(routeHash({ name: 'drill', sessionId: 'abc/1' })).toBe('#/drill/abc%2F1');
  });
});

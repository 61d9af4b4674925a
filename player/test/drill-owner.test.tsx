import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeScenario, freshDevice } from './support';

type Owner = typeof import('../src/drill/drill-owner');

/**
 * The Web Locks API as a browser gives it to the tabs of one site: an
 * exclusive lock per name; `ifAvailable` answers null when it is held;
 * `steal` takes it and rejects the holder's request.
 */
function fakeLocks(): LockManager {
  const holders = new Map<string, (reason: unknown) => void>();
  return {
    request(name: string, options: LockOptions, callback: (lock: Lock | null) => unknown) {
      if (options.steal) holders.get(name)?.(new DOMException('stolen', 'AbortError'));
      else if (holders.has(name)) return Promise.resolve(callback(null));
      return new Promise((resolve, reject) => {
        holders.set(name, reject);
        Promise.resolve(callback({ name, mode: 'exclusive' } as Lock)).then((value) => {
          if (holders.get(name) === reject) holders.delete(name);
          resolve(value);
        }, reject);
      });
    },
    query: () => Promise.resolve({ held: [], pending: [] }),
  } as unknown as LockManager;
}

/** A fresh module graph loads slowly while other test files run beside this one. */
const SLOW = { timeout: 10_000 };

/** A second tab: the same module, loaded again, with state of its own. */
async function anotherTab(): Promise<Owner> {
  vi.resetModules();
  return import('../src/drill/drill-owner');
}

beforeEach(freshDevice);
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe.each([
  ['with Web Locks', () => vi.stubGlobal('navigator', { ...navigator, locks: fakeLocks() })],
  ['without Web Locks (tabs ask each other)', () => undefined],
])('one owner per drill, %s', (_name, setUp) => {
  it('refuses a second tab, lets it take over, and tells the first', async () => {
    setUp();
    const first = await anotherTab();
    const second = await anotherTab();
    const lost: string[] = [];
    first.onDrillTakenOver((id) => lost.push(id));

    await first.claimDrill('drill-1');
    await expect(second.claimDrill('drill-1')).rejects.toBeInstanceOf(
      second.DrillOpenElsewhereError,
    );
    await second.claimDrill('drill-2');

    await second.claimDrill('drill-1', { takeOver: true });
    await waitFor(() => expect(lost).toEqual(['drill-1']));
    expect(first.wasTakenOver('drill-1')).toBe(true);
    await expect(first.claimDrill('drill-1')).rejects.toBeInstanceOf(first.DrillOpenElsewhereError);
  });

  it('frees a drill its owner let go of', async () => {
    setUp();
    const first = await anotherTab();
    const second = await anotherTab();
    await first.claimDrill('drill-3');
    await first.releaseDrillOwner('drill-3');
    await second.claimDrill('drill-3');
  });
});

describe('two tabs on one drill', () => {
  it('the first tab stops and says the drill was taken over; the second says it is open elsewhere', async () => {
    vi.stubGlobal('navigator', { ...navigator, locks: fakeLocks() });
    const user = userEvent.setup();
    // Tab one: runs the drill.
    const { DrillScreen } = await import('../src/drill/DrillScreen');
    const { beginDrill } = await import('../src/drill/session');
    const active = await beginDrill(fakeScenario(), {
      traineeId: 'T-1',
      mode: 'assessment',
      instructor: 'solo',
    });
    const tabOne = render(<DrillScreen sessionId={active.sessionId} />);
    expect(tabOne.container.querySelector('[data-choice-id="sit-down"]')).not.toBeNull();

    // Tab two: the same app loaded again, opening the same drill.
    vi.resetModules();
    const two = await import('../src/drill/DrillScreen');
    const tabTwo = render(<two.DrillScreen sessionId={active.sessionId} />);
    const resume = await screen.findByRole('button', { name: 'Resume' }, SLOW);
    await user.click(resume);
    expect(await screen.findByText('This drill is open in another tab', {}, SLOW)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Take it over here' }));

    await waitFor(
      () => expect(tabTwo.container.querySelector('[data-choice-id="sit-down"]')).not.toBeNull(),
      SLOW,
    );
    expect(
      await screen.findByText('This drill was taken over in another tab', {}, SLOW),
    ).toBeTruthy();
    expect(tabOne.container.querySelector('[data-choice-id]')).toBeNull();

    // Tab two records on, without "already recorded".
    await user.click(tabTwo.container.querySelector<HTMLElement>('[data-choice-id="sit-down"]')!);
    await waitFor(() =>
      expect(tabTwo.container.querySelector('[data-beat-id]')?.getAttribute('data-beat-id')).toBe(
        'talking',
      ),
    );
    expect(screen.queryByText(/already recorded/)).toBeNull();
  });
});

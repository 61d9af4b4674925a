import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describeStorageError } from '../src/storage/logs';
import { fakeScenario } from './support';

// The import writes through this module; here it fails as a full disk does in Chromium.
vi.mock('../src/storage/scenarios', () => ({
  saveImportedScenario: vi.fn(() => Promise.reject(new DOMException('', 'UnknownError'))),
}));

const { ImportScenario } = await import('../src/home/ImportScenario');

describe('why storing failed', () => {
  it('names a full disk, whatever the browser calls it', () => {
    expect(describeStorageError(new DOMException('', 'QuotaExceededError'))).toBe(
      'the device storage is full',
    );
    expect(describeStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED', message: '' })).toBe(
      'the device storage is full',
    );
  });

  it('never gives an empty reason', () => {
    for (const error of [
      new DOMException('', 'UnknownError'),
      new Error(''),
      '',
      undefined,
      null,
      { name: '', message: '   ' },
    ]) {
      expect(describeStorageError(error).trim()).not.toBe('');
    }
    expect(describeStorageError(new DOMException('', 'UnknownError'))).toContain('UnknownError');
    expect(describeStorageError(new Error('disk on fire'))).toBe('disk on fire');
  });

  it('says why an import could not be stored, never "()"', async () => {
    const user = userEvent.setup();
    render(<ImportScenario onImported={() => undefined} />);
    const file = new File([JSON.stringify(fakeScenario())], 'steps.scenario.json', {
      type: 'application/json',
    });
    await user.upload(screen.getByLabelText('Import a scenario file…'), file);
    const message = await screen.findByText(/could not be stored on this device/);
    expect(message.textContent).not.toContain('()');
    expect(message.textContent).toMatch(/device: the browser refused to store it \(UnknownError\)/);
  });
});

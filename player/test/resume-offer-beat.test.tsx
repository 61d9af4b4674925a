import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { startDrill } from '@defuse/engine';
import type { Scenario, SceneBeat } from '@defuse/schemas';
import { ResumeOffers } from '../src/home/ResumeOffers';
import { createRecorder, listResumable } from '../src/storage/logs';
import { fakeScenario, freshDevice } from './support';

beforeEach(freshDevice);

/** A timed beat whose timer hands the trainee on to a beat where the instructor picks. */
function timedThenInstructor(): Scenario {
  const base = fakeScenario();
  return fakeScenario({
    beats: {
      ...base.beats,
      steps: { ...(base.beats['steps'] as SceneBeat), title: 'Timed beat', timeLimitSec: 10 },
      talking: {
        title: 'Instructor beat',
        narrative: 'He stands up fast.',
        choices: [
          {
            id: 'step-back',
            label: 'Step back',
            instructor: [
              { label: 'He calms down', to: 'calm', weight: 1 },
              { label: 'He walks off', to: 'walks-off', weight: 1 },
            ],
          },
        ],
      },
    },
  });
}

describe('the resume offer', () => {
  it('names the beat the trainee was on, not the one they left', async () => {
    const scenario = timedThenInstructor();
    const drill = await startDrill(scenario, {
      trainee: { id: 'T-7' },
      instructor: 'present',
      onEvent: createRecorder(scenario, 'present'),
    });
    await drill.choose('sit-down');
    expect(drill.snapshot().beat).toBe('talking');

    const offers = await listResumable();
    expect(offers[0]!.lastBeatTitle).toBe('Instructor beat');
    render(
      <ResumeOffers offers={offers} busy={undefined} onResume={() => {}} onDismiss={() => {}} />,
    );
    expect(screen.getByText(/stopped at “Instructor beat”/)).toBeTruthy();
    expect(screen.queryByText(/Timed beat/)).toBeNull();
  });
});

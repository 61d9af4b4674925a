import { describe, expect, it } from 'vitest';
import { parseScenario } from '@defuse/engine';
import { describeDiagnostic } from '../src/scenarios/describe-diagnostic';
import { fakeScenario } from './support';

describe('diagnostics in plain words', () => {
  it('names the beat and the field instead of a JSON pointer', () => {
    const scenario = fakeScenario();
    (scenario.beats.steps as { choices: { to: string }[] }).choices[1]!.to = 'the-moon';
    const { diagnostics } = parseScenario(JSON.stringify(scenario));
    const plain = diagnostics.map(describeDiagnostic);
    expect(plain).toContainEqual(
      expect.objectContaining({
        where: expect.stringMatching(/^Beat “steps”, choice 2 › “to” \(line \d+, column \d+\)$/),
        what: expect.stringContaining('"the-moon"'),
        severity: 'error',
      }),
    );
  });

  it('gives the line of a syntax error and speaks of the whole file when there is no path', () => {
    const [d] = parseScenario('{\n  "format": \n}').diagnostics.map(describeDiagnostic);
    expect(d!.where).toMatch(/line 3/);
    expect(
      describeDiagnostic({
        code: 'DF105',
        severity: 'error',
        message: 'the file is empty',
        path: '',
      }).where,
    ).toBe('The file as a whole');
  });

  it('describes variables and top-level fields', () => {
    expect(
      describeDiagnostic({
        code: 'DF318',
        severity: 'error',
        message: 'x',
        path: '/variables/agitation/initial',
      }).where,
    ).toBe('Variable “agitation” › “initial”');
    expect(
      describeDiagnostic({ code: 'DF203', severity: 'error', message: 'x', path: '/objectives/0' })
        .where,
    ).toBe('Objective 1');
  });
});

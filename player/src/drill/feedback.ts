import { isOutcomeBeat, type LogEvent, type Scenario } from '@defuse/schemas';

/** The author's feedback on a decision, as training mode shows it before going on. */
export interface DecisionFeedback {
  kind: 'choice' | 'timeout';
  /** Title of the beat where the decision was made. */
  beatTitle: string;
  /** The choice as the trainee saw it (absent for a timeout). */
  choiceLabel?: string;
  technique?: string;
  text: string;
}

/**
 * Finds the author's feedback for the decision among freshly recorded events
 * (a choice's `feedback`, or the beat's `onTimeout.feedback`). Undefined when
 * the author wrote none.
 */
export function feedbackFor(scenario: Scenario, events: LogEvent[]): DecisionFeedback | undefined {
  const decision = events.find((e) => e.type === 'choice' || e.type === 'timeout');
  if (!decision) return undefined;
  const beat = scenario.beats[decision.beat];
  if (!beat || isOutcomeBeat(beat)) return undefined;
  if (decision.type === 'timeout') {
    const text = beat.onTimeout?.feedback;
    return text ? { kind: 'timeout', beatTitle: beat.title, text } : undefined;
  }
  const choice = beat.choices?.find((c) => c.id === decision.choice);
  if (!choice?.feedback) return undefined;
  const feedback: DecisionFeedback = {
    kind: 'choice',
    beatTitle: beat.title,
    choiceLabel: choice.label,
    text: choice.feedback,
  };
  if (choice.technique) feedback.technique = choice.technique;
  return feedback;
}

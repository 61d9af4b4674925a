import type { OfferedChoice } from '@defuse/engine';

export interface ChoiceListProps {
  choices: OfferedChoice[];
  disabled: boolean;
  onChoose: (choiceId: string) => void;
  /** Id of the heading that names the list. */
  labelledBy?: string;
}

/** The trainee's options: real buttons in a list, large enough for a thumb. */
export function ChoiceList({ choices, disabled, onChoose, labelledBy }: ChoiceListProps) {
  return (
    <ul className="choice-list" aria-labelledby={labelledBy}>
      {choices.map((choice, i) => (
        <li key={choice.id}>
          <button
            type="button"
            className="choice"
            data-choice-id={choice.id}
            disabled={disabled}
            onClick={() => onChoose(choice.id)}
          >
            <span className="choice-key" aria-hidden="true">
              {String.fromCharCode(65 + (i % 26))}
            </span>
            <span className="choice-label">{choice.label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

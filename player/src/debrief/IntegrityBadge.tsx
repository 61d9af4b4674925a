import { integrityLabel, type Integrity } from './integrity';

const ICONS: Record<Integrity['state'], string> = {
  intact: '✓',
  tampered: '!',
  'version-mismatch': '≠',
  'scenario-missing': '?',
};

/**
 * Whether a log can be trusted, in one word and a symbol; the full verdict is
 * the badge's description (and shown beside it with `detailed`).
 */
export function IntegrityBadge({
  integrity,
  detailed = false,
}: {
  integrity: Integrity;
  detailed?: boolean;
}) {
  return (
    <span className={`integrity-wrap${detailed ? ' detailed' : ''}`}>
      <span
        className={`integrity integrity-${integrity.state}`}
        data-integrity={integrity.state}
        title={integrity.message}
      >
        <span className="integrity-icon" aria-hidden="true">
          {ICONS[integrity.state]}
        </span>
        {integrityLabel(integrity)}
      </span>
      {detailed && <span className="integrity-message">{integrity.message}</span>}
    </span>
  );
}

import { integrityLabel, integrityTone, type Integrity } from './integrity';

const ICONS: Record<string, string> = {
  intact: '✓',
  'unknown-key': '?',
  unsigned: '✓',
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
        className={`integrity integrity-${integrityTone(integrity)}`}
        data-integrity={integrity.state}
        data-signature={integrity.signature?.state}
        title={integrity.message}
      >
        <span className="integrity-icon" aria-hidden="true">
          {ICONS[integrityTone(integrity)]}
        </span>
        {integrityLabel(integrity)}
      </span>
      {detailed && <span className="integrity-message">{integrity.message}</span>}
    </span>
  );
}

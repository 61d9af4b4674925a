import { useState } from 'react';
import type { Membership } from '../storage/membership';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import '../hub/device.css';

export interface ClassBannerProps {
  membership: Membership;
  onLeave: () => void;
}

/** Which class this tablet is in and as whom, with "Leave class" (asked twice: it is one tap). */
export function ClassBanner({ membership, onLeave }: ClassBannerProps) {
  const [asking, setAsking] = useState(false);
  const mode = membership.class.mode === 'assessment' ? 'Assessment' : 'Training';
  return (
    <section className="class-banner" aria-label="Class">
      <div>
        <p className="class-banner-title">
          Class {membership.class.name} · trainee {membership.device.traineeId}
        </p>
        <p className="hint">{mode} mode, set by the class. Class drills are sent to the hub.</p>
      </div>
      <button type="button" className="button secondary large" onClick={() => setAsking(true)}>
        Leave class
      </button>
      {asking && (
        <ConfirmDialog
          title="Leave this class?"
          confirmLabel="Leave class"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onLeave();
          }}
        >
          <p>
            The class’s scenarios will no longer be offered on this tablet. Drills already done stay
            here and are still sent to the hub.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** Offered when a hub served the page and the tablet is in no class. */
export function JoinOffer() {
  return (
    <section className="class-banner" aria-label="Class">
      <p>Is your instructor running a class? Join it to get its scenarios.</p>
      <a className="button primary large" href="#/join">
        Join a class
      </a>
    </section>
  );
}

/** Said once after the hub closed the class (its token answered 401). */
export function ClassClosedNotice({
  className,
  onDismiss,
}: {
  className: string;
  onDismiss: () => void;
}) {
  return (
    <div className="notice error" role="alert">
      <p>
        This class has been closed{className ? ` (${className})` : ''}. The tablet is back to use
        without a class; everything stored on it is kept.
      </p>
      <button type="button" className="button secondary" onClick={onDismiss}>
        OK
      </button>
    </div>
  );
}

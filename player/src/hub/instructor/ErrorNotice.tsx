import { hubErrorText } from './hub-errors';

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps {
  /** What was being done, as a sentence: "The class could not be created." */
  title: string;
  /** The failure, usually a HubError; shown in words, never as a stack trace. */
  error: unknown;
  /** Offers a Try again button when given. */
  onRetry?: () => void;
}

/** A failed call to the hub, announced to screen readers as it appears. */
export function ErrorNotice({ title, error, onRetry }: ErrorNoticeProps) {
  return (
    <div className="notice error hub-error" role="alert">
      <p>
        <strong>{title}</strong> {hubErrorText(error)}
      </p>
      {onRetry && (
        <button type="button" className="button secondary compact" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

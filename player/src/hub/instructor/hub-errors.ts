import { HubError } from '../api';

/**
 * A failed call to the hub in words an instructor can act on. The hub's own
 * one-line message is kept as it is (it says what was wrong with the
 * request); anything that is not an answer from the hub is a fault in this
 * app, which is reported without its technical detail.
 */
export function hubErrorText(error: unknown): string {
  if (error instanceof HubError) {
    if (error.unreachable)
      return 'The class hub could not be reached. Check that this device is on the classroom network and try again.';
    if (error.status === 403 && /csrf/i.test(error.message))
      return 'The hub refused the change because this page is out of date. Reload the page and try again.';
    return error.message;
  }
  return 'Something went wrong in this page. Reload the page and try again.';
}

/** True when the hub says the instructor's session is over (expired or signed out elsewhere). */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof HubError && error.status === 401;
}

/**
 * Joining a class and keeping its scenarios on the tablet. The hub's answer
 * is stored before anything else happens, so a failed download leaves a
 * joined tablet that fetches its scenarios on the next try.
 */
import { deviceScenarios, HubError } from './api';
import { joinClass, normaliseCode } from './device';
import { devicePublicKey } from '../storage/device-key';
import { saveClassScenarios, saveMembership, type Membership } from '../storage/membership';

/** Joins the class and stores the answer on the device; rejects with a {@link HubError}. */
export async function joinAndRemember(code: string, traineeId: string): Promise<Membership> {
  const answer = await joinClass(normaliseCode(code), traineeId.trim(), await devicePublicKey());
  const membership: Membership = {
    token: answer.token,
    device: { id: answer.device.id, traineeId: answer.device.traineeId },
    class: {
      id: answer.class.id,
      name: answer.class.name,
      mode: answer.class.mode,
      code: answer.class.code,
    },
    joinedAt: Date.now(),
  };
  await saveMembership(membership);
  return membership;
}

/** Fetches the class's scenarios and keeps them on the device for drilling offline. */
export async function downloadClassScenarios(membership: Membership): Promise<void> {
  const { scenarios } = await deviceScenarios(membership.token);
  await saveClassScenarios(membership.class.id, scenarios);
}

/** What to tell a trainee when joining failed, in plain words. */
export function joinProblem(error: unknown, code: string): string {
  if (!(error instanceof HubError)) {
    return `Joining did not work: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (error.unreachable) {
    return 'The class hub cannot be reached. Check that this tablet is on the class network, then try again.';
  }
  if (error.status === 404) {
    return `No open class has the code ${normaliseCode(code)}. Check the code on the instructor’s screen.`;
  }
  if (error.status === 429) return 'Too many tries. Wait a minute, then try again.';
  return `The hub said: ${error.message}`;
}

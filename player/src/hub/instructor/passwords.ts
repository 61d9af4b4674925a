/** The hub refuses shorter passwords (`POST /setup`, `POST /accounts`); saying so first saves a round trip. */
export const MIN_PASSWORD_LENGTH = 10;

/** What is wrong with a new password, or undefined when the hub will take it. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  return undefined;
}

import { conflict } from './domain-error';

/**
 * The optimistic version check, the one way every writer does it: a change sent for version
 * `sent` of a row now at `current` is refused with 409 `code` (the caller reloads and retries).
 * `sent` undefined: the caller did not ask for the check. `details` defaults to
 * `{ currentVersion }`; a writer that also tells the current status passes its own.
 */
export function assertVersion(
  current: number,
  sent: number | undefined,
  code: string,
  message: string,
  details: Record<string, unknown> = { currentVersion: current },
): void {
  if (sent !== undefined && sent !== current) throw conflict(code, message, details);
}

import * as argon2 from 'argon2';
import { passwordGate } from './password-gate';

export const MIN_PASSWORD_LENGTH = 12;

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4): about 170 ms per hash here. */
export const hashPassword = (password: string): Promise<string> =>
  passwordGate.run(() => argon2.hash(password, { type: argon2.argon2id }));

/** False for a wrong password or a malformed hash; GateBusyError when too many checks wait. */
export const verifyPassword = (hash: string, password: string): Promise<boolean> =>
  passwordGate.run(async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });

/**
 * Verified when the e-mail is unknown, so a failed login takes as long whether or not the account
 * exists (the response must not reveal it).
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$RPZRiFskzh4VNp1kDlQP0g$ZidbH5CliAaDsXE4t3V0FuKZB8zIMWkk1U65l1Y5+pk';

import * as argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4): about 170 ms per hash here. */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = async (hash: string, password: string): Promise<boolean> => {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
};

/**
 * Verified when the e-mail is unknown, so a failed login takes as long whether or not the account
 * exists (the response must not reveal it).
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$RPZRiFskzh4VNp1kDlQP0g$ZidbH5CliAaDsXE4t3V0FuKZB8zIMWkk1U65l1Y5+pk';

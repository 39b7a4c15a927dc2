/**
 * Password hashing with argon2id (@node-rs/argon2's defaults follow OWASP's recommendation:
 * 19 MiB, 2 passes). Verification of an unknown user still hashes, so the answer's timing does
 * not tell which usernames exist.
 */
import { hash, verify } from "@node-rs/argon2";

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  // The library's default algorithm is argon2id (its const enum cannot be imported under isolatedModules).
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/** Whether the password matches the stored hash; a missing hash never matches. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword("no user has this password");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** Why a new password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1024) return "The password must have at most 1024 characters";
  return null;
}

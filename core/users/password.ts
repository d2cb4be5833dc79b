import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** `Algorithm.Argon2id`: the package declares its algorithms as an ambient const enum, which our build cannot read. */
const ARGON2ID = 2 as Algorithm;

/** argon2id cost: memory in KiB, passes, lanes. */
export interface PasswordHashing {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * OWASP's argon2id baseline (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane. Production always uses it;
 * tests pass cheaper costs through the core option `users.hashing`, never through the environment.
 */
export const PRODUCTION_HASHING: Readonly<PasswordHashing> = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });

/** A PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`): it carries its own costs and salt. */
export function hashPassword(password: string, costs: PasswordHashing = PRODUCTION_HASHING): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...costs });
}

/** Whether `password` matches a stored PHC string (the costs are read from it). A malformed hash never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

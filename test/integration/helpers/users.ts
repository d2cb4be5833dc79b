/** Cheap argon2id costs for tests, passed as the core option `users.hashing` (production always uses OWASP's baseline). */
export const TEST_HASHING = { memoryCost: 256, timeCost: 1, parallelism: 1 };

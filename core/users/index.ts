export { usersHandlers } from './handlers.ts';
export { hashPassword, PRODUCTION_HASHING, verifyPassword, type PasswordHashing } from './password.ts';
export { UsersService, type NewUserInput, type SignedInUser, type UsersServiceOptions } from './service.ts';

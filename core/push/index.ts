// The push domain as other domains see it.
export { signingSecretRef } from './signing.ts';

import { z } from 'zod';

/** The roles a caller can have (what each may do is in permissions.ts, which imports the method list). */
export const ROLES = ['viewer', 'operator', 'admin', 'owner'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** read: look at anything but secrets · operate: act on runs, incidents, workflows · admin: change the setup. */
export type Permission = 'read' | 'operate' | 'admin';

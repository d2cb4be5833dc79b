import type { NotifyChannel } from '../contract/alerts.ts';

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Per-workflow owner routing: the channels that belong to a workflow's registry owner. A channel belongs to
 * the owner when its name equals the owner, or (email) when one of its recipients is the owner's address;
 * both compared without case or surrounding spaces. Pure; the engine adds these to the rule's own channels.
 */
export function ownerChannelIds(owner: string | null, channels: readonly Pick<NotifyChannel, 'id' | 'kind' | 'name' | 'config'>[]): number[] {
  if (!owner || !norm(owner)) return [];
  const o = norm(owner);
  return channels
    .filter((c) => norm(c.name) === o || (c.kind === 'email' && (c.config.to ?? []).some((to) => norm(to) === o)))
    .map((c) => c.id);
}

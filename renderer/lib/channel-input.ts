import type { NotifyChannel } from '../../core/contract/alerts.ts';
import type { Input } from '../../core/contract/handlers.ts';

/** What the core takes to create or update a notification channel. */
export type ChannelInput = Input<'alerts/save-channel'>;

/** The draft that only turns a channel on or off: its settings as they are, its secrets untouched. */
export function toggledChannel(c: NotifyChannel, enabled: boolean): ChannelInput {
  return { id: c.id, kind: c.kind, name: c.name, enabled, config: c.config };
}

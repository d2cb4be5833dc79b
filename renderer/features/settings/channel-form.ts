import type { ChannelKind, NotifyChannel } from '../../../core/contract/alerts.ts';
import type { ChannelInput } from '../../lib/channel-input.ts';

export const KIND_LABEL: Record<ChannelKind, string> = {
  slack: 'Slack', teams: 'Microsoft Teams', webhook: 'Webhook (signed)', email: 'Email (SMTP)', desktop: 'This computer',
  ntfy: 'ntfy (phone push)', pushover: 'Pushover (phone push)', telegram: 'Telegram bot', discord: 'Discord webhook',
};

/** The channel form's state. Secrets are never read back from the core: empty means "keep what is stored". */
export interface ChannelForm {
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  /** Webhook address (Slack, Teams, webhook, Discord), SMTP password (email), access token (ntfy), bot token (Telegram) or application token (Pushover). */
  secret: string;
  /** The webhook's HMAC signing key, or Pushover's user key. */
  signing: string;
  smtp: { host: string; port: string; secure: boolean; user: string; from: string; to: string };
  ntfy: { server: string; topic: string };
  telegram: { chatId: string };
}

export const EMPTY_CHANNEL: ChannelForm = {
  kind: 'slack', name: '', enabled: true, secret: '', signing: '', smtp: { host: '', port: '587', secure: false, user: '', from: '', to: '' },
  ntfy: { server: 'https://ntfy.sh', topic: '' }, telegram: { chatId: '' },
};

export const isHook = (kind: ChannelKind) => kind === 'slack' || kind === 'teams' || kind === 'webhook';
/** Kinds whose secret is a pasted address or token: surrounding whitespace is never part of it. */
const trimmedSecret = (kind: ChannelKind) => isHook(kind) || kind === 'discord' || kind === 'ntfy' || kind === 'pushover' || kind === 'telegram';

/** A saved channel as form state, its secret fields empty. */
export function fromChannel(c: NotifyChannel): ChannelForm {
  const k = c.config;
  return {
    kind: c.kind, name: c.name, enabled: c.enabled, secret: '', signing: '',
    smtp: { host: k.smtpHost ?? '', port: String(k.smtpPort ?? 587), secure: k.smtpSecure ?? false, user: k.smtpUser ?? '', from: k.from ?? '', to: (k.to ?? []).join(', ') },
    ntfy: { server: k.ntfyServer ?? 'https://ntfy.sh', topic: k.ntfyTopic ?? '' }, telegram: { chatId: k.telegramChatId ?? '' },
  };
}

/** What `alerts/save-channel` gets: the id when editing, and a secret only when one was typed (omitted keeps the stored one). */
export function channelDraft(f: ChannelForm, id?: number): ChannelInput {
  const s = f.smtp;
  const config = f.kind === 'email'
    ? { smtpPort: Number(s.port) || 587, smtpSecure: s.secure, to: s.to.split(',').map((x) => x.trim()).filter(Boolean),
      ...(s.host.trim() ? { smtpHost: s.host.trim() } : {}), ...(s.user ? { smtpUser: s.user } : {}), ...(s.from.trim() ? { from: s.from.trim() } : {}) }
    : f.kind === 'ntfy'
      ? { ...(f.ntfy.server.trim() ? { ntfyServer: f.ntfy.server.trim() } : {}), ...(f.ntfy.topic.trim() ? { ntfyTopic: f.ntfy.topic.trim() } : {}) }
      : f.kind === 'telegram'
        ? (f.telegram.chatId.trim() ? { telegramChatId: f.telegram.chatId.trim() } : {})
        : {};
  // A pasted address or token may carry stray whitespace; a password is taken as typed.
  const secret = trimmedSecret(f.kind) ? f.secret.trim() : f.kind === 'email' ? f.secret : '';
  const signing = f.kind === 'webhook' ? f.signing : f.kind === 'pushover' ? f.signing.trim() : '';
  return {
    ...(id === undefined ? {} : { id }), kind: f.kind, name: f.name, enabled: f.enabled, config,
    ...(secret ? { secret } : {}), ...(signing ? { signingSecret: signing } : {}),
  };
}

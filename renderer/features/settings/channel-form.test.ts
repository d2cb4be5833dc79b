import { describe, expect, it } from 'vitest';
import { ChannelDraft, type NotifyChannel } from '../../../core/contract/alerts.ts';
import { toggledChannel } from '../../lib/channel-input.ts';
import { channelDraft, EMPTY_CHANNEL, fromChannel } from './channel-form.ts';

const status = { hasSecret: true, lastSuccessAt: null, lastFailureAt: null, lastError: null, pendingDeliveries: 0 };
const email: NotifyChannel = {
  id: 8, kind: 'email', name: 'Ops mail', enabled: false, ...status,
  config: { smtpHost: 'smtp.example.com', smtpPort: 465, smtpSecure: true, smtpUser: 'ops', from: 'flowdeck@example.com', to: ['a@example.com', 'b@example.com'] },
};
const hook: NotifyChannel = { id: 3, kind: 'webhook', name: 'Pager', enabled: true, config: {}, ...status };

describe('channel form', () => {
  it('pre-fills every non-secret setting and saves them back unchanged under the id, without secrets', () => {
    const f = fromChannel(email);
    expect(f).toMatchObject({ kind: 'email', name: 'Ops mail', enabled: false, secret: '', signing: '' });
    expect(f.smtp).toEqual({ host: 'smtp.example.com', port: '465', secure: true, user: 'ops', from: 'flowdeck@example.com', to: 'a@example.com, b@example.com' });
    const draft = channelDraft(f, email.id);
    expect(draft).toEqual({ id: 8, kind: 'email', name: 'Ops mail', enabled: false, config: email.config });
    expect(ChannelDraft.safeParse(draft).success).toBe(true);
  });

  it('sends a secret or signing key only when one was typed', () => {
    expect(channelDraft(fromChannel(hook), 3)).toEqual({ id: 3, kind: 'webhook', name: 'Pager', enabled: true, config: {} });
    expect(channelDraft({ ...fromChannel(hook), signing: 'k2' }, 3)).toEqual({ id: 3, kind: 'webhook', name: 'Pager', enabled: true, config: {}, signingSecret: 'k2' });
    expect(channelDraft({ ...fromChannel(hook), secret: ' https://hooks.example.com/x \n' }, 3)).toMatchObject({ secret: 'https://hooks.example.com/x' });
    expect(channelDraft({ ...fromChannel(email), secret: ' pass word ' }, 8)).toMatchObject({ secret: ' pass word ' });
    expect(channelDraft({ ...fromChannel(hook), secret: '   ' }, 3)).not.toHaveProperty('secret');
  });

  it('creates without an id, and drops fields another kind would need', () => {
    const draft = channelDraft({ ...EMPTY_CHANNEL, kind: 'desktop', name: 'Desk', secret: 'typed before switching kind', signing: 'k' });
    expect(draft).toEqual({ kind: 'desktop', name: 'Desk', enabled: true, config: {} });
  });

  it('phone channels: ntfy server and topic, Telegram chat id as config; tokens and user key only when typed, trimmed', () => {
    const ntfy: NotifyChannel = { id: 4, kind: 'ntfy', name: 'Phone', enabled: true, config: { ntfyServer: 'https://ntfy.example.com', ntfyTopic: 'ops-7q2x' }, ...status };
    expect(fromChannel(ntfy)).toMatchObject({ ntfy: { server: 'https://ntfy.example.com', topic: 'ops-7q2x' }, secret: '' });
    expect(channelDraft(fromChannel(ntfy), 4)).toEqual({ id: 4, kind: 'ntfy', name: 'Phone', enabled: true, config: ntfy.config });
    expect(channelDraft({ ...fromChannel(ntfy), secret: ' tk_abc \n' }, 4)).toMatchObject({ secret: 'tk_abc' });
    const created = channelDraft({ ...EMPTY_CHANNEL, kind: 'ntfy', name: 'n', ntfy: { server: ' https://ntfy.sh ', topic: ' alerts ' } });
    expect(created).toEqual({ kind: 'ntfy', name: 'n', enabled: true, config: { ntfyServer: 'https://ntfy.sh', ntfyTopic: 'alerts' } });
    const pushover = channelDraft({ ...EMPTY_CHANNEL, kind: 'pushover', name: 'p', secret: ' a'.repeat(1), signing: ' u \n' });
    expect(pushover).toEqual({ kind: 'pushover', name: 'p', enabled: true, config: {}, secret: 'a', signingSecret: 'u' });
    const telegram = channelDraft({ ...EMPTY_CHANNEL, kind: 'telegram', name: 't', secret: '1:x', telegram: { chatId: ' -100123 ' }, signing: 'ignored' });
    expect(telegram).toEqual({ kind: 'telegram', name: 't', enabled: true, config: { telegramChatId: '-100123' }, secret: '1:x' });
    expect(channelDraft({ ...EMPTY_CHANNEL, kind: 'discord', name: 'd', secret: ' https://discord.com/api/webhooks/1/x ' })).toMatchObject({ config: {}, secret: 'https://discord.com/api/webhooks/1/x' });
    for (const d of [created, pushover, telegram]) expect(ChannelDraft.safeParse(d).success).toBe(true);
  });

  it('turns a channel off with its settings as they are and no secret', () => {
    expect(toggledChannel(email, true)).toEqual({ id: 8, kind: 'email', name: 'Ops mail', enabled: true, config: email.config });
  });
});

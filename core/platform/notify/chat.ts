import { postJson, type PostOptions } from './http-post.ts';
import type { ChannelTarget, NotificationMessage, Notifier } from './types.ts';

const EMOJI = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' } as const;
const COLOR = { critical: 'D93025', warning: 'F29900', info: '1A73E8' } as const;

/** Slack incoming webhook: `{ text, blocks }`. */
export function slackPayload(m: NotificationMessage): unknown {
  const head = `${m.kind === 'resolved' ? ':white_check_mark:' : EMOJI[m.severity]} *${m.title}*`;
  return {
    text: `${m.title}: ${m.text}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${head}\n${m.text}` } },
      ...(m.url ? [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, url: m.url }] }] : []),
    ],
  };
}

/** Microsoft Teams incoming webhook (Office 365 connector card). */
export function teamsPayload(m: NotificationMessage): unknown {
  return {
    '@type': 'MessageCard', '@context': 'https://schema.org/extensions', summary: m.title,
    themeColor: m.kind === 'resolved' ? '188038' : COLOR[m.severity], title: m.title, text: m.text,
    ...(m.url ? { potentialAction: [{ '@type': 'OpenUri', name: 'Open', targets: [{ os: 'default', uri: m.url }] }] } : {}),
  };
}

export function slackNotifier(options: PostOptions = {}): Notifier {
  return { send: (m: NotificationMessage, t: ChannelTarget) => postJson(t.secret, JSON.stringify(slackPayload(m)), {}, options) };
}

export function teamsNotifier(options: PostOptions = {}): Notifier {
  return { send: (m: NotificationMessage, t: ChannelTarget) => postJson(t.secret, JSON.stringify(teamsPayload(m)), {}, options) };
}

import { TELEGRAM_CHAT_ID } from '../../contract/alerts.ts';
import type { ChannelTarget, NotificationMessage, Notifier } from './types.ts';
import { NotifyError } from './types.ts';
import { clip, retryAfterMs, vendorFailure, vendorPost, type VendorOptions } from './vendor-http.ts';

export const TELEGRAM_BASE_URL = 'https://api.telegram.org';
/** A bot token as @BotFather hands it out: the bot's number, a colon, then the secret part (docs/vendors.md P7). */
const BOT_TOKEN = /^\d{3,20}:[A-Za-z0-9_-]{20,}$/;

const MARK = { critical: '🔴', warning: '🟠', info: '🔵' } as const;

/** Telegram's HTML mode needs only these three escaped (P8). */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A number when the chat id is one (safe as a JSON number), else the `@channelname` as text. */
function chatId(id: string): number | string {
  const n = Number(id);
  return /^-?\d+$/.test(id) && Number.isSafeInteger(n) ? n : id;
}

/** sendMessage (P8): bold title, the summary, a link to open; HTML parse mode, no link preview; text ≤ 4096. */
export function telegramPayload(m: NotificationMessage, chat: string): Record<string, unknown> {
  const head = `${m.kind === 'resolved' ? '✅' : m.kind === 'test' ? '🔔' : MARK[m.severity]} <b>${esc(clip(m.title, 300))}</b>`;
  const link = m.url ? `\n<a href="${esc(m.url).replace(/"/g, '&quot;')}">Open</a>` : '';
  return {
    chat_id: chatId(chat), text: `${head}\n${esc(clip(m.text, 3500))}${link}`, parse_mode: 'HTML', disable_web_page_preview: true,
  };
}

export function telegramTokenProblem(token: string): string | null {
  return BOT_TOKEN.test(token) ? null : 'A bot token looks like 123456789:AAE… — @BotFather shows it when you create the bot (/newbot) or with /token.';
}

export function telegramChatProblem(chat: string | undefined): string | null {
  if (!chat) return 'Enter the chat id the bot writes to.';
  return TELEGRAM_CHAT_ID.test(chat) ? null : 'A chat id is a number like 123456789 (a group: -100…), or @channelname for a public channel.';
}

function telegramReason(status: number, json: unknown, chat: string): string {
  const description = (json as { description?: unknown } | null)?.description;
  const said = typeof description === 'string' ? description : '';
  const quoted = said ? ` (“${clip(said, 200)}”)` : '';
  if (status === 401 || status === 404) return `Telegram does not accept the bot token${quoted}. Copy it from @BotFather again (/token).`;
  if (/chat not found/i.test(said)) return `Telegram cannot find chat ${chat}${quoted}. Check the chat id, and write /start to the bot (or add the bot to the group) before sending.`;
  if (status === 403) return `Telegram will not let the bot write to chat ${chat}${quoted}: it was blocked, removed from the group, or is not an admin of the channel.`;
  if (status === 429) return `Telegram is limiting how fast the bot may send${quoted}.`;
  if (status >= 500) return `Telegram had a problem (${status})${quoted}.`;
  return `Telegram refused the message (${status})${quoted}.`;
}

/** Telegram bot: `POST /bot<token>/sendMessage`. The token sits in the address, so errors name only the host. */
export function telegramNotifier(options: VendorOptions = {}): Notifier {
  const base = (options.baseUrl ?? TELEGRAM_BASE_URL).replace(/\/+$/, '');
  return {
    async send(m: NotificationMessage, t: ChannelTarget) {
      if (!t.secret) throw new NotifyError('The channel has no Telegram bot token. Edit the channel and paste it.', false);
      const chatProblem = telegramChatProblem(t.config.telegramChatId);
      if (chatProblem) throw new NotifyError(chatProblem, false);
      const chat = t.config.telegramChatId!;
      const reply = await vendorPost('Telegram', `${base}/bot${t.secret}/sendMessage`, JSON.stringify(telegramPayload(m, chat)), {}, options);
      const body = reply.json as { ok?: unknown; parameters?: { retry_after?: unknown } } | null;
      if (reply.ok && body?.ok === true) return;
      if (reply.ok) throw new NotifyError(`Telegram answered ${reply.status} without confirming the message. Flowdeck retries later.`, true);
      throw vendorFailure('Telegram', reply, telegramReason(reply.status, reply.json, chat), retryAfterMs(reply, body?.parameters?.retry_after), [t.secret]);
    },
  };
}

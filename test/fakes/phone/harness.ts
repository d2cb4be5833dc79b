// A core whose four phone channels talk to the loopback fake (docs/vendors.md P1–P11), with the secrets the tests
// look for everywhere they must not appear.
import { discordNotifier } from '../../../core/platform/notify/discord.ts';
import { ntfyNotifier } from '../../../core/platform/notify/ntfy.ts';
import { pushoverNotifier } from '../../../core/platform/notify/pushover.ts';
import { telegramNotifier } from '../../../core/platform/notify/telegram.ts';
import type { ChannelDraft } from '../../../core/contract/alerts.ts';
import { alertCore, type AlertCore } from '../../integration/alerts-helpers.ts';
import type { PhoneFake } from './server.ts';

export const SECRETS = {
  ntfyToken: 'tk_flowdeckntfysecret7q2x9w',
  pushoverToken: 'apptok0123456789abcdefghijklmn',
  pushoverUser: 'userkyZYXWVUTSRQPONMLKJIHGFEDC',
  telegramToken: '123456789:AAFlowdeckTelegramSecret_0123456789',
  discordId: '112233445566778899',
  discordToken: 'dwhsecret-Flowdeck_abcdefghijklmnopqrstuvwxyz012345',
} as const;
export const DISCORD_URL = `https://discord.com/api/webhooks/${SECRETS.discordId}/${SECRETS.discordToken}`;
export const TELEGRAM_CHAT = '123456789';
export const NTFY_TOPIC = 'flowdeck-alerts-7q2x';

/** Every string that must never leave the keychain (the Discord webhook address holds its token). */
export const SECRET_VALUES: readonly string[] = [SECRETS.ntfyToken, SECRETS.pushoverToken, SECRETS.pushoverUser, SECRETS.telegramToken, SECRETS.discordToken];

/** The fake knows every credential above; the ntfy topic is protected by the token. */
export function trustEverything(fake: PhoneFake): void {
  fake.state.ntfyProtected.set(NTFY_TOPIC, SECRETS.ntfyToken);
  fake.state.pushoverTokens.add(SECRETS.pushoverToken);
  fake.state.pushoverUsers.add(SECRETS.pushoverUser);
  fake.state.telegramBots.add(SECRETS.telegramToken);
  fake.state.telegramChats.add(TELEGRAM_CHAT);
  fake.state.discordHooks.set(SECRETS.discordId, SECRETS.discordToken);
}

/** The alert core with real phone notifiers whose fixed vendor addresses point at the fake (short timeouts). */
export function phoneCore(fake: PhoneFake): AlertCore {
  const o = { baseUrl: fake.url, timeoutMs: 5000 };
  return alertCore({ notifiers: { ntfy: ntfyNotifier({ timeoutMs: 5000 }), pushover: pushoverNotifier(o), telegram: telegramNotifier(o), discord: discordNotifier(o) } });
}

export const drafts = (fake: PhoneFake): Record<'ntfy' | 'pushover' | 'telegram' | 'discord', ChannelDraft> => ({
  ntfy: { kind: 'ntfy', name: 'Phone (ntfy)', enabled: true, config: { ntfyServer: `${fake.url}/ntfy`, ntfyTopic: NTFY_TOPIC }, secret: SECRETS.ntfyToken },
  pushover: { kind: 'pushover', name: 'Phone (Pushover)', enabled: true, config: {}, secret: SECRETS.pushoverToken, signingSecret: SECRETS.pushoverUser },
  telegram: { kind: 'telegram', name: 'Telegram', enabled: true, config: { telegramChatId: TELEGRAM_CHAT }, secret: SECRETS.telegramToken },
  discord: { kind: 'discord', name: 'Discord', enabled: true, config: {}, secret: DISCORD_URL },
});

/** Saves the four channels and returns their ids by kind. */
export async function savePhoneChannels(c: AlertCore, fake: PhoneFake): Promise<Record<'ntfy' | 'pushover' | 'telegram' | 'discord', number>> {
  const d = drafts(fake);
  const out = {} as Record<'ntfy' | 'pushover' | 'telegram' | 'discord', number>;
  for (const kind of ['ntfy', 'pushover', 'telegram', 'discord'] as const) out[kind] = (await c.call('alerts/save-channel', d[kind])).channel.id;
  return out;
}

export const routing = (channelIds: number[], extra: Partial<{ escalateAfterMinutes: number | null; backupChannelIds: number[] }> = {}) => ({
  channelIds, remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30, ...extra,
});

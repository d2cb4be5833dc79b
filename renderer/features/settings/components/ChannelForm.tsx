import { useState, type KeyboardEvent } from 'react';
import type { ChannelKind, NotifyChannel } from '../../../../core/contract/alerts.ts';
import { channelDraft, EMPTY_CHANNEL, fromChannel, isHook, KIND_LABEL, type ChannelForm as Form } from '../channel-form.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useCan } from '../../../lib/access.ts';

/** Add a channel, or edit `channel` (saved under its id). Stored secrets are never shown: an empty secret field keeps them. Esc cancels. */
export function ChannelForm({ channel, onDone }: { channel?: NotifyChannel | undefined; onDone: () => void }) {
  const save = useSettingsStore((s) => s.saveChannel);
  const canSave = useCan('alerts/save-channel');
  const [f, setF] = useState<Form>(() => (channel ? fromChannel(channel) : EMPTY_CHANNEL));
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const up = (patch: Partial<Form>) => setF({ ...f, ...patch });
  const smtp = (patch: Partial<Form['smtp']>) => up({ smtp: { ...f.smtp, ...patch } });
  const ntfy = (patch: Partial<Form['ntfy']>) => up({ ntfy: { ...f.ntfy, ...patch } });
  const submit = async () => {
    const r = await save(channelDraft(f, channel?.id));
    if (r.ok) onDone();
    else setError(r);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    onDone();
  };
  const isErr = (field: string) => error?.field === field || error?.field?.startsWith(`${field}.`) === true;
  const err = (field: string) => (error?.field === field || error?.field?.startsWith(`${field}.`)
    ? <span className="field-error" role="alert" data-testid="channel-field-error">{error.message.replace(/^[\w.]+: /, '')}</span> : null);
  // Editing: what is stored stays unless something new is typed.
  const kept = (stored: boolean) => (channel ? (stored ? 'stored — leave empty to keep' : 'not set') : undefined);
  const k = f.kind;
  /** A secret input with its label and help; stored secrets are never shown (an empty field keeps them). */
  const secretField = (label: string, field: 'secret' | 'signingSecret', help: string, stored: string | undefined, testId: string) => (
    <label className="field field-wide"><span className="field-label">{label}</span>
      <input type="password" value={field === 'secret' ? f.secret : f.signing} onChange={(e) => up(field === 'secret' ? { secret: e.target.value } : { signing: e.target.value })}
        placeholder={stored} autoComplete="off" spellCheck={false} aria-invalid={isErr(field)} aria-describedby={`${testId}-help`} data-testid={testId} />
      <span className="field-help" id={`${testId}-help`}>{help}</span>{err(field)}</label>
  );
  const textField = (label: string, value: string, set: (v: string) => void, field: string, help: string, testId: string, placeholder?: string) => (
    <label className="field field-wide"><span className="field-label">{label}</span>
      <input value={value} onChange={(e) => set(e.target.value)} placeholder={placeholder} spellCheck={false} aria-invalid={isErr(field)} aria-describedby={`${testId}-help`} data-testid={testId} />
      <span className="field-help" id={`${testId}-help`}>{help}</span>{err(field)}</label>
  );
  const storedHint = channel ? (channel.hasSecret ? 'stored — leave empty to keep' : 'not set') : undefined;
  return (
    <form className="settings-form channel-form" data-testid="channel-form" data-mode={channel ? 'edit' : 'new'} aria-label={channel ? `Edit channel ${channel.name}` : 'New channel'}
      onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={onKeyDown}>
      <label className="field"><span className="field-label">Kind</span>
        {/* A saved channel keeps its kind: its stored secret belongs to that kind. A new kind starts with empty secrets:
            a token typed for one vendor is never sent to another. */}
        <select value={k} onChange={(e) => { setError(null); up({ kind: e.target.value as ChannelKind, secret: '', signing: '' }); }} disabled={channel !== undefined} data-testid="channel-kind">
          {Object.entries(KIND_LABEL).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select></label>
      {/* The form opens on request (Add channel / Edit), so focus moves into its name. */}
      <label className="field"><span className="field-label">Name</span><input value={f.name} onChange={(e) => up({ name: e.target.value })} autoFocus data-testid="channel-name" />{err('name')}</label>
      {isHook(k) ? <label className="field"><span className="field-label">Webhook address (kept in the keychain)</span>
        <input type="password" value={f.secret} onChange={(e) => up({ secret: e.target.value })} placeholder={kept(channel?.hasSecret ?? false)} autoComplete="off" data-testid="channel-secret" />{err('secret')}</label> : null}
      {k === 'webhook' ? <label className="field"><span className="field-label">Signing key (HMAC-SHA256)</span>
        <input type="password" value={f.signing} onChange={(e) => up({ signing: e.target.value })} placeholder={channel ? 'leave empty to keep' : undefined} autoComplete="off" data-testid="channel-signing" />{err('signingSecret')}</label> : null}
      {k === 'email' ? <>
        <label className="field"><span className="field-label">SMTP server</span><input value={f.smtp.host} onChange={(e) => smtp({ host: e.target.value })} data-testid="channel-smtp-host" />{err('config.smtpHost')}</label>
        <label className="field"><span className="field-label">Port</span><input value={f.smtp.port} inputMode="numeric" onChange={(e) => smtp({ port: e.target.value })} data-testid="channel-smtp-port" />{err('config.smtpPort')}</label>
        <label className="check"><input type="checkbox" checked={f.smtp.secure} onChange={(e) => smtp({ secure: e.target.checked })} data-testid="channel-smtp-secure" /> TLS from the first byte (usually port 465)</label>
        <label className="field"><span className="field-label">User</span><input value={f.smtp.user} onChange={(e) => smtp({ user: e.target.value })} data-testid="channel-smtp-user" />{err('config.smtpUser')}</label>
        <label className="field"><span className="field-label">Password (kept in the keychain)</span>
          <input type="password" value={f.secret} onChange={(e) => up({ secret: e.target.value })} placeholder={kept(channel?.hasSecret ?? false)} autoComplete="off" data-testid="channel-secret" />{err('secret')}</label>
        <label className="field"><span className="field-label">From</span><input value={f.smtp.from} onChange={(e) => smtp({ from: e.target.value })} data-testid="channel-smtp-from" />{err('config.from')}</label>
        <label className="field"><span className="field-label">To (comma separated)</span><input value={f.smtp.to} onChange={(e) => smtp({ to: e.target.value })} data-testid="channel-smtp-to" />{err('config.to')}</label>
      </> : null}
      {k === 'ntfy' ? <>
        {textField('Server', f.ntfy.server, (v) => ntfy({ server: v }), 'config.ntfyServer',
          'https://ntfy.sh, or the address of your own ntfy server (https; plain http only for a server on this computer).', 'channel-ntfy-server', 'https://ntfy.sh')}
        {textField('Topic', f.ntfy.topic, (v) => ntfy({ topic: v }), 'config.ntfyTopic',
          'The topic you subscribed to in the ntfy app. Letters, digits, - and _ only. On a public server anyone who knows the topic can read it: pick a hard-to-guess name.', 'channel-ntfy-topic', 'flowdeck-alerts-7q2x')}
        {secretField('Access token (optional, kept in the keychain)', 'secret', 'Only for a protected topic: an ntfy access token (tk_…), from Account → Access tokens.', storedHint, 'channel-secret')}
      </> : null}
      {k === 'pushover' ? <>
        {secretField('API token (kept in the keychain)', 'secret', 'The token of your application: pushover.net → Your Applications → Create an Application/API Token.', storedHint, 'channel-secret')}
        {secretField('User key (kept in the keychain)', 'signingSecret', 'Shown at the top of your Pushover dashboard after you log in.', storedHint, 'channel-signing')}
      </> : null}
      {k === 'telegram' ? <>
        {secretField('Bot token (kept in the keychain)', 'secret', 'Message @BotFather in Telegram, send /newbot, and paste the token it gives you (123456789:AA…).', storedHint, 'channel-secret')}
        {textField('Chat id', f.telegram.chatId, (v) => up({ telegram: { chatId: v } }), 'config.telegramChatId',
          'Send /start to your bot (or add it to the group), then open https://api.telegram.org/bot<token>/getUpdates: the number after "chat":{"id": is the chat id. Groups start with -; a public channel can be @channelname.', 'channel-telegram-chat', '123456789')}
      </> : null}
      {k === 'discord' ? secretField('Webhook address (kept in the keychain)', 'secret',
        'In Discord: Server Settings → Integrations → Webhooks → New Webhook → Copy Webhook URL.', storedHint, 'channel-secret') : null}
      <label className="check"><input type="checkbox" checked={f.enabled} onChange={(e) => up({ enabled: e.target.checked })} data-testid="channel-enabled" /> Enabled</label>
      {error && !['name', 'secret', 'signingSecret', 'config'].some((x) => error.field === x || error.field?.startsWith(`${x}.`))
        ? <p className="notice notice-error" role="alert" data-testid="channel-error">{error.message}</p> : null}
      <div className="incident-actions">
        <button type="submit" className="button button-primary" data-testid="channel-save" {...canSave.lock}>{channel ? 'Save changes' : 'Save channel'}</button>
        <button type="button" className="button button-quiet" onClick={onDone} data-testid="channel-cancel">Cancel</button>
      </div>
    </form>
  );
}

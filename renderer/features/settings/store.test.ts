import { describe, expect, it } from 'vitest';
import type { NotifyChannel } from '../../../core/contract/alerts.ts';
import { CoreError } from '../../../core/contract/errors.ts';
import type { Input, Method, Output } from '../../../core/contract/handlers.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { channelDraft, fromChannel } from './channel-form.ts';
import { createSettingsStore } from '../../lib/settings-store.ts';

const slack: NotifyChannel = {
  id: 2, kind: 'slack', name: 'Ops', enabled: true, config: {}, hasSecret: true, lastSuccessAt: null, lastFailureAt: null, lastError: null, pendingDeliveries: 0,
};
const settings = { quietHours: { enabled: false, startMinute: 0, endMinute: 0, timezone: 'UTC' }, maintenanceWindows: [], mutedWorkflowIds: [] };

/** A CoreApi holding one channel list; every call is recorded. */
function fakeCore(save: (input: Input<'alerts/save-channel'>) => NotifyChannel) {
  const calls: { method: Method; input: unknown }[] = [];
  let channels = [slack];
  const answers: Partial<Record<Method, (input: never) => unknown>> = {
    'alerts/list-channels': () => ({ items: channels }),
    'alerts/get-settings': () => settings,
    'alerts/save-channel': (input: Input<'alerts/save-channel'>) => {
      const channel = save(input);
      channels = channels.map((c) => (c.id === channel.id ? channel : c));
      return { channel };
    },
  };
  const api: CoreApi = {
    async call<M extends Method>(method: M, input: Input<M>) {
      calls.push({ method, input });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(input as never) as Output<M>;
    },
    on: () => () => {},
    onReconnected: () => () => {},
  };
  return { api, saves: () => calls.filter((c) => c.method === 'alerts/save-channel').map((c) => c.input) };
}

describe('settings store: channels', () => {
  it('saves an edit under the channel id, leaves an untouched secret out, and shows the saved channel', async () => {
    const { api, saves } = fakeCore((d) => ({ ...slack, name: d.name, enabled: d.enabled ?? true }));
    const store = createSettingsStore(api);
    const r = await store.getState().saveChannel(channelDraft({ ...fromChannel(slack), name: 'Ops alerts' }, slack.id));
    expect(r).toEqual({ ok: true });
    expect(saves()).toEqual([{ id: 2, kind: 'slack', name: 'Ops alerts', enabled: true, config: {} }]);
    expect(store.getState().channels.map((c) => c.name)).toEqual(['Ops alerts']);
  });

  it('sends a new webhook address when one is typed', async () => {
    const { api, saves } = fakeCore(() => slack);
    await createSettingsStore(api).getState().saveChannel(channelDraft({ ...fromChannel(slack), secret: 'https://hooks.slack.com/services/T/B/new' }, slack.id));
    expect(saves()[0]).toMatchObject({ id: 2, secret: 'https://hooks.slack.com/services/T/B/new' });
  });

  it('turns a channel off without touching its secret', async () => {
    const { api, saves } = fakeCore((d) => ({ ...slack, enabled: d.enabled ?? true }));
    const store = createSettingsStore(api);
    await store.getState().setChannelEnabled(slack, false);
    expect(saves()).toEqual([{ id: 2, kind: 'slack', name: 'Ops', enabled: false, config: {} }]);
    expect(store.getState().channels[0]?.enabled).toBe(false);
  });

  it('returns the field of a rejected edit so the form shows it beside the input', async () => {
    const { api } = fakeCore(() => { throw new CoreError({ kind: 'validation', code: 'invalid_input', message: 'name: another channel has this name.', field: 'name' }); });
    const r = await createSettingsStore(api).getState().saveChannel(channelDraft(fromChannel(slack), slack.id));
    expect(r).toEqual({ ok: false, field: 'name', message: 'name: another channel has this name.' });
  });
});

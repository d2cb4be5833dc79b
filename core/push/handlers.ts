import { auditActorOf } from '../contract/actor.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { HeartbeatSchedule, PushMonitor } from '../contract/push.ts';
import { EMPTY_METADATA } from '../store/registry-repo.ts';
import type { Clock } from '../platform/clock.ts';
import { SecretStoreUnavailable, type SecretStore } from '../platform/secrets/types.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { Ledger } from '../store/ledger.ts';
import type { PushMonitorRow } from '../store/push-repo.ts';
import { receiverUrl } from './receiver-status.ts';
import { createSecretKeeper, SIGNATURE_HEADER } from './signing.ts';
import {
  EVENT_DOC, hookCurl, hookUrl, makeExample, monitorCurl, n8nErrorWorkflow, pingUrls, REACHABILITY_NOTE, zapierExample,
} from './snippets.ts';

export interface PushHandlerDeps {
  ledger: Ledger;
  clock: Clock;
  events: EventBus;
  /** The keychain; null in processes that opened none (snippets then cannot reveal or create the secret). */
  secrets: SecretStore | null;
}

type PushMethods = 'push/list-monitors' | 'push/create-monitor' | 'push/get-snippets' | 'push/rotate-secret';

const KEYCHAIN_MISSING = 'This Flowdeck process has no keychain open, so the webhook signing secret cannot be read or created.';

export function pushHandlers(deps: PushHandlerDeps): Pick<Handlers, PushMethods> {
  const repo = deps.ledger.push;
  const keeper = deps.secrets ? createSecretKeeper(deps.secrets) : null;
  const registry = deps.ledger.registry;
  const expectedOf = (connectorId: string, slug: string): HeartbeatSchedule | null => {
    const s = registry.find(connectorId, slug)?.metadata.expectedSchedule;
    return s && s.kind !== 'auto' ? s : null;
  };

  const view = (m: PushMonitorRow, base: string): PushMonitor => {
    const open = repo.openStarts(m.slug)[0];
    return {
      slug: m.slug, name: m.name, workflowId: repo.workflowId(m.connectorId, m.slug), createdAt: m.createdAt, createdBy: m.createdBy,
      lastPingAt: m.lastPingAt, lastPingKind: m.lastPingKind, pings: m.pings, openSince: open?.startedAt ?? null,
      urls: pingUrls(base, repo.pingPath(m), m.pingUuid), expected: expectedOf(m.connectorId, m.slug),
    };
  };

  const pushConnector = (connectorId: string) => {
    const c = repo.connector(connectorId);
    if (!c || c.removed) return { ok: false as const, reason: 'not_found' as const, message: `No connector with id "${connectorId}".` };
    if (c.kind !== 'push') {
      return { ok: false as const, reason: 'not_push' as const, message: `"${c.name}" is a ${c.kind} connector; heartbeat monitors belong to push connectors.` };
    }
    return { ok: true as const, connector: c };
  };

  const keychainError = (error: unknown) => {
    if (error instanceof SecretStoreUnavailable) return { ok: false as const, reason: 'keychain_unavailable' as const, message: error.message };
    throw error;
  };

  return {
    'push/list-monitors': async ({ connectorId }) => {
      const found = pushConnector(connectorId);
      if (!found.ok) return found;
      const receiver = receiverUrl(deps.ledger);
      return { ok: true, receiver, hookUrl: hookUrl(receiver.url, connectorId), items: repo.monitors(connectorId).map((m) => view(m, receiver.url)) };
    },

    'push/create-monitor': async ({ connectorId, slug, name, expected }, ctx) => {
      const found = pushConnector(connectorId);
      if (!found.ok) return found;
      const taken = repo.monitor(slug);
      if (taken) {
        return { ok: false, reason: 'slug_taken', message: `The slug "${slug}" is already used by "${taken.name}"; slugs are unique on this computer.` };
      }
      const now = deps.clock.now();
      deps.ledger.write(() => {
        repo.createMonitor({ slug, connectorId, name, createdBy: ctx.actor }, now);
        const workflowId = deps.ledger.writer.workflowId(connectorId, slug, name, now);
        if (expected) registry.saveMetadata(workflowId, { ...EMPTY_METADATA, expectedSchedule: expected }, ctx.actor, now);
        deps.ledger.audit.append({ ...auditActorOf(ctx), action: 'push/created-monitor', target: `${connectorId}/${slug}`, detail: { name } }, now);
      });
      deps.ledger.writer.settle(true);
      deps.events.emit('ledger/changed', { tables: ['push_monitors', 'workflows', 'audit_log'], connectorId });
      return { ok: true, monitor: view(repo.monitor(slug)!, receiverUrl(deps.ledger).url) };
    },

    'push/get-snippets': async ({ connectorId, revealSecret }, ctx) => {
      const c = repo.connector(connectorId);
      if (!c || c.removed) return { ok: false, reason: 'not_found', message: `No connector with id "${connectorId}".` };
      let secret: string | null = null;
      if (revealSecret) {
        if (!keeper) return { ok: false, reason: 'keychain_unavailable', message: KEYCHAIN_MISSING };
        try {
          const ensured = await keeper.ensure(connectorId);
          if (ensured.created) {
            deps.ledger.audit.append({ ...auditActorOf(ctx), action: 'push/created-signing-secret', target: connectorId }, deps.clock.now());
          }
          secret = ensured.secret;
        } catch (error) {
          return keychainError(error);
        }
      }
      const receiver = receiverUrl(deps.ledger);
      const url = hookUrl(receiver.url, connectorId);
      const monitors = c.kind === 'push' ? repo.monitors(connectorId) : [];
      return {
        ok: true, receiver, hookUrl: url, signatureHeader: SIGNATURE_HEADER, secret,
        monitors: monitors.map((m) => ({ slug: m.slug, name: m.name, curl: monitorCurl(receiver.url, repo.pingPath(m)) })),
        hook: {
          curl: hookCurl(url, secret),
          n8nWorkflowJson: JSON.stringify(n8nErrorWorkflow(url, secret), null, 2),
          make: makeExample(url, secret),
          zapier: zapierExample(url, secret),
          doc: EVENT_DOC,
        },
        notes: [
          REACHABILITY_NOTE,
          'In n8n, open each workflow → Settings → Error workflow and pick "Flowdeck: report failed runs".',
        ],
      };
    },

    'push/rotate-secret': async ({ connectorId }, ctx) => {
      const c = repo.connector(connectorId);
      if (!c || c.removed) return { ok: false, reason: 'not_found', message: `No connector with id "${connectorId}".` };
      if (!keeper) return { ok: false, reason: 'keychain_unavailable', message: KEYCHAIN_MISSING };
      try {
        await keeper.rotate(connectorId);
      } catch (error) {
        return keychainError(error);
      }
      deps.ledger.audit.append({ ...auditActorOf(ctx), action: 'push/rotated-signing-secret', target: connectorId }, deps.clock.now());
      deps.events.emit('ledger/changed', { tables: ['audit_log'], connectorId });
      return { ok: true };
    },
  };
}

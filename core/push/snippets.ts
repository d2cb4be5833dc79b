import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signing.ts';

/** Copy-paste material for the Connectors page: curl per monitor and webhook senders for n8n, Make and Zapier. */
export interface SnippetInput {
  receiverUrl: string;
  connectorId: string;
  monitors: { slug: string; name: string }[];
  /** The signing secret, or null to use placeholders (the UI reveals it on request). */
  secret: string | null;
}

export const SECRET_PLACEHOLDER = 'PASTE-YOUR-FLOWDECK-SIGNING-SECRET';
const CURL = 'curl -fsS -m 10 --retry 5';

/**
 * A monitor's ping URLs for `pingPath` = `<ping-key>/<slug>` (the keyed form snippets show), plus its own
 * `/ping/<uuid>` when known. Both are unguessable; `/ping/<slug>` alone is a loopback-only opt-in.
 */
export function pingUrls(receiverUrl: string, pingPath: string, uuid: string | null = null) {
  const base = `${receiverUrl}/ping/${pingPath}`;
  return {
    success: base, start: `${base}/start`, fail: `${base}/fail`, exitCode: `${base}/<exit-code>`, log: `${base}/log`,
    ...(uuid ? { uuid: `${receiverUrl}/ping/${uuid}` } : {}),
  };
}

export function hookUrl(receiverUrl: string, connectorId: string): string {
  return `${receiverUrl}/hooks/${encodeURIComponent(connectorId)}/run-finished`;
}

export function monitorCurl(receiverUrl: string, pingPath: string) {
  const u = pingUrls(receiverUrl, pingPath);
  const slug = pingPath.slice(pingPath.lastIndexOf('/') + 1);
  return {
    success: `${CURL} -o /dev/null ${u.success}`,
    start: `${CURL} -o /dev/null ${u.start}`,
    fail: `${CURL} -o /dev/null --data-raw "what went wrong" ${u.fail}`,
    exitCode: `/path/to/job.sh; ${CURL} -o /dev/null ${u.success}/$?`,
    log: `${CURL} -o /dev/null --data-raw "step 2 of 3 done" ${u.log}`,
    wrapper: [
      '#!/bin/sh',
      `# Reports start, then success or failure (with the last 100 KB of output) for "${slug}".`,
      'RID=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)',
      `${CURL} -o /dev/null "${u.start}?rid=$RID"`,
      'OUTPUT=$(/path/to/job.sh 2>&1); CODE=$?',
      `printf '%s' "$OUTPUT" | tail -c 100000 | ${CURL} -o /dev/null --data-binary @- "${u.success}/$CODE?rid=$RID"`,
      'exit $CODE',
    ].join('\n'),
  };
}

const EXAMPLE_BODY = '{"workflow":{"id":"nightly-backup","name":"Nightly backup"},"run":{"id":"run-123","status":"failed","error":"disk full"}}';

export function hookCurl(url: string, secret: string | null): string {
  return [
    secret ? `FLOWDECK_SECRET='${secret}'` : `# FLOWDECK_SECRET holds the connector's signing secret (Reveal secret in Flowdeck).`,
    `BODY='${EXAMPLE_BODY}'`,
    'TS=$(date +%s)',
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$FLOWDECK_SECRET" -r | cut -d' ' -f1)`,
    `curl -fsS -m 10 -X POST '${url}' -H 'Content-Type: application/json' \\`,
    `  -H "${TIMESTAMP_HEADER}: $TS" -H "${SIGNATURE_HEADER}: sha256=$SIG" -H 'Idempotency-Key: run-123' --data-raw "$BODY"`,
  ].join('\n');
}

/** The Code node's script: turns n8n's Error Trigger payload (docs/vendors.md N4) into Flowdeck's event, as text. */
const N8N_BUILD_EVENT = `// Flowdeck "run finished" event from n8n's Error Trigger payload.
const e = $input.first().json;
const execution = e.execution ?? {};
const runId = String(execution.id ?? 'trigger-' + Date.now());
const body = JSON.stringify({
  workflow: { id: String(e.workflow.id), name: e.workflow.name },
  run: {
    id: runId,
    status: 'failed',
    finishedAt: new Date().toISOString(),
    error: execution.error?.message ?? e.trigger?.error?.message ?? 'The workflow failed',
    failingStep: execution.lastNodeExecuted ?? null,
    url: execution.url ?? null,
  },
  source: 'n8n-error-workflow',
});
// The signature covers the time it is sent (Flowdeck refuses anything older than 5 minutes).
const ts = String(Math.floor(Date.now() / 1000));
return [{ json: { body, key: 'n8n-' + runId, ts, signed: ts + '.' + body } }];`;

/** A ready-made n8n error workflow: Error Trigger → build the event → HMAC it (Crypto node) → POST it. */
export function n8nErrorWorkflow(url: string, secret: string | null): Record<string, unknown> {
  const id = (n: number) => `0f1de0c0-0000-4000-8000-00000000000${n}`;
  return {
    name: 'Flowdeck: report failed runs',
    nodes: [
      { id: id(1), name: 'Error Trigger', type: 'n8n-nodes-base.errorTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      { id: id(2), name: 'Build Flowdeck event', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: N8N_BUILD_EVENT } },
      {
        id: id(3), name: 'Sign event', type: 'n8n-nodes-base.crypto', typeVersion: 1, position: [440, 0],
        parameters: { action: 'hmac', type: 'SHA256', value: '={{ $json.signed }}', dataPropertyName: 'signature', secret: secret ?? SECRET_PLACEHOLDER, encoding: 'hex' },
      },
      {
        id: id(4), name: 'Send to Flowdeck', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [660, 0],
        parameters: {
          method: 'POST', url,
          sendHeaders: true,
          headerParameters: { parameters: [
            { name: TIMESTAMP_HEADER, value: '={{ $json.ts }}' },
            { name: SIGNATURE_HEADER, value: '=sha256={{ $json.signature }}' },
            { name: 'Idempotency-Key', value: '={{ $json.key }}' },
          ] },
          sendBody: true, contentType: 'raw', rawContentType: 'application/json', body: '={{ $json.body }}',
          options: { timeout: 10000 },
        },
      },
    ],
    connections: {
      'Error Trigger': { main: [[{ node: 'Build Flowdeck event', type: 'main', index: 0 }]] },
      'Build Flowdeck event': { main: [[{ node: 'Sign event', type: 'main', index: 0 }]] },
      'Sign event': { main: [[{ node: 'Send to Flowdeck', type: 'main', index: 0 }]] },
    },
    settings: { executionOrder: 'v1' },
    pinData: {},
  };
}

export function makeExample(url: string, secret: string | null): string {
  return [
    'Make: at the end of the scenario (or in an error handler route):',
    '1. Tools → Set variable: name "flowdeckBody", value:',
    '   {"workflow":{"id":"{{scenario.id}}","name":"{{scenario.name}}"},"run":{"id":"{{execution.id}}","status":"failed","error":"{{error.message}}"},"source":"make"}',
    '   and "flowdeckTs", value: {{timestamp}} (the current Unix time in seconds)',
    '2. HTTP → Make a request:',
    `   URL: ${url}    Method: POST`,
    '   Headers: Content-Type = application/json',
    `            ${TIMESTAMP_HEADER} = {{flowdeckTs}}`,
    `            ${SIGNATURE_HEADER} = sha256={{sha256(flowdeckTs + "." + flowdeckBody; "hex"; "${secret ?? SECRET_PLACEHOLDER}")}}`,
    '            Idempotency-Key = make-{{execution.id}}',
    '   Body type: Raw, Content type: JSON (application/json), Request content: {{flowdeckBody}}',
    'The signature must be computed over exactly the text that is sent, so both use the same variable.',
  ].join('\n');
}

export function zapierExample(url: string, secret: string | null): string {
  return [
    'Zapier: a monitoring Zap with the Zapier Manager trigger (e.g. "New Zap Error"), then:',
    '1. Code by Zapier → Run JavaScript, input data: zapId, zapName, runId, error (mapped from the trigger):',
    "   const crypto = require('crypto');",
    "   const body = JSON.stringify({ workflow: { id: String(inputData.zapId), name: inputData.zapName },",
    "     run: { id: String(inputData.runId), status: 'failed', error: inputData.error }, source: 'zapier-manager' });",
    '   const ts = String(Math.floor(Date.now() / 1000));',
    `   output = { body, ts, signature: 'sha256=' + crypto.createHmac('sha256', '${secret ?? SECRET_PLACEHOLDER}').update(ts + '.' + body).digest('hex') };`,
    '2. Webhooks by Zapier → Custom Request:',
    `   Method: POST   URL: ${url}   Data: {{body}} (from step 1)`,
    `   Headers: Content-Type = application/json, ${TIMESTAMP_HEADER} = {{ts}}, ${SIGNATURE_HEADER} = {{signature}},`,
    '            Idempotency-Key = zapier-{{runId}}',
  ].join('\n');
}

export const REACHABILITY_NOTE =
  'The receiver listens on this computer only (127.0.0.1). Jobs and tools running here can reach it directly; ' +
  'n8n, Make or Zapier in the cloud need a tunnel or relay that forwards to this address.';

export const EVENT_DOC = [
  'POST /hooks/<connector-id>/run-finished with a JSON body:',
  '  { "workflow": { "id": "…", "name": "…" },',
  '    "run": { "id": "…", "status": "success|failed|warning|canceled|…", "startedAt"?: ISO or epoch ms,',
  '             "finishedAt"?: ISO or epoch ms, "error"?: text, "url"?: http(s) link, "failingStep"?: text },',
  '    "source"?: text }',
  `Headers: ${TIMESTAMP_HEADER}: <current Unix time in seconds>;`,
  `         ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of "<timestamp>.<exact body bytes>", keyed with the signing secret>;`,
  '         Idempotency-Key (optional; defaults to run id + status). A replay answers 200 {"ok":true,"duplicate":true}.',
  'Answers: 200 recorded · 400 malformed JSON or a missing/invalid field (named) · 401 missing or wrong signature, or a',
  '         timestamp more than 5 minutes off · 404 unknown connector · 409 Idempotency-Key reused for another body ·',
  '         413 body over the size limit · 503 storage cannot take writes (retry after the Retry-After seconds).',
].join('\n');

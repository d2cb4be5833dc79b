/**
 * Pieces of the real n8n 2.41.1 responses recorded in test/fakes/n8n/fixtures, embedded so the demo's n8n simulator
 * needs no files at run time. recorded.test.ts checks they still equal the recordings.
 */
type Json = Record<string, unknown>;

/** `data.resultData.error` of a Stop and Error failure (executions-list-error-includeData-stop-and-error.json). */
export const NODE_ERROR: Json = {
  level: 'warning',
  shouldReport: true,
  tags: {},
  timestamp: 1795629977814,
  context: {},
  functionality: 'regular',
  name: 'NodeOperationError',
  node: {
    id: '22222222-2222-4222-8222-222222222222',
    name: 'Stop and Error',
    type: 'n8n-nodes-base.stopAndError',
    typeVersion: 1,
    position: [
      220,
      0
    ],
    parameters: {
      errorType: 'errorMessage',
      errorMessage: 'peer-fail: deliberate failure for acceptance tests'
    }
  },
  messages: [],
  message: 'peer-fail: deliberate failure for acceptance tests',
  stack: 'NodeOperationError: peer-fail: deliberate failure for acceptance tests\n    at ... (trimmed)'
};

/** `data.resultData.error` of a Code node throw (executions-list-error-includeData-code-node.json). */
export const CODE_ERROR: Json = {
  level: 'info',
  shouldReport: false,
  description: null,
  tags: {},
  name: 'WrappedExecutionError',
  lineNumber: 3,
  message: 'peer-flaky: random failure (r=0.017) [line 3]',
  stack: 'WrappedExecutionError: peer-flaky: random failure (r=0.017) [line 3]\n    at ... (trimmed)'
};

/** The item a Webhook trigger node outputs (`runData.Webhook[0].data.main[0][0]` of executions-list-error-includeData-stop-and-error.json). */
export const WEBHOOK_ITEM: Json = {
  json: {
    headers: {
      host: '127.0.0.1:5679',
      'user-agent': 'curl/7.88.1',
      accept: '*/*',
      'content-type': 'application/json',
      'content-length': '36'
    },
    params: {},
    query: {},
    body: {
      seq: 4,
      batch: '20261125T180617Z'
    },
    webhookUrl: 'http://127.0.0.1:5679/webhook/peer-fail',
    executionMode: 'production'
  },
  pairedItem: {
    item: 0
  }
};

/** `data.executionData` of a successful run (execution-success-includeData.json). */
export const EXECUTION_DATA: Json = {
  contextData: {},
  nodeExecutionStack: [],
  metadata: {},
  waitingExecution: {},
  waitingExecutionSource: {},
  runtimeData: {
    version: 1,
    establishedAt: 1795629977508,
    source: 'webhook',
    triggerNode: {
      name: 'Webhook',
      type: 'n8n-nodes-base.webhook'
    },
    redaction: {
      version: 2,
      production: false,
      manual: false
    }
  }
};

/** The first workflow of `GET /workflows` (workflows-list.json). */
export const WORKFLOW: Json = {
  id: '0GzFc6SwNlpYnPQW',
  name: 'peer-fail (always fails)',
  active: true,
  activeVersionId: '5d45fe2c-db04-4a44-9258-03ac0735c876',
  createdAt: '2026-11-25T17:58:53.162Z',
  updatedAt: '2026-11-25T17:58:53.162Z',
  isArchived: false,
  versionId: '5d45fe2c-db04-4a44-9258-03ac0735c876',
  triggerCount: 1,
  nodes: [
    {
      id: '22222222-2222-4222-8222-222222222221',
      name: 'Webhook',
      webhookId: '0a0a0a0a-0000-4000-8000-00000000000b',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [
        0,
        0
      ],
      parameters: {
        httpMethod: 'POST',
        path: 'peer-fail',
        responseMode: 'lastNode',
        options: {}
      }
    },
    {
      id: '22222222-2222-4222-8222-222222222222',
      name: 'Stop and Error',
      type: 'n8n-nodes-base.stopAndError',
      typeVersion: 1,
      position: [
        220,
        0
      ],
      parameters: {
        errorType: 'errorMessage',
        errorMessage: 'peer-fail: deliberate failure for acceptance tests'
      }
    }
  ],
  connections: {
    Webhook: {
      main: [
        [
          {
            node: 'Stop and Error',
            type: 'main',
            index: 0
          }
        ]
      ]
    }
  },
  nodeGroups: [],
  settings: {
    saveManualExecutions: true,
    saveDataErrorExecution: 'all',
    saveDataSuccessExecution: 'all',
    executionOrder: 'v1'
  },
  staticData: null,
  pinData: null,
  meta: null,
  tags: [],
  shared: [
    {
      role: 'workflow:owner',
      workflowId: '0GzFc6SwNlpYnPQW',
      projectId: 'CCCq1olvtPLLn5ST',
      createdAt: '2026-11-25T17:58:53.164Z',
      updatedAt: '2026-11-25T17:58:53.164Z'
    }
  ],
  activeVersion: {
    versionId: '5d45fe2c-db04-4a44-9258-03ac0735c876',
    workflowId: '0GzFc6SwNlpYnPQW',
    nodes: [
      {
        id: '22222222-2222-4222-8222-222222222221',
        name: 'Webhook',
        webhookId: '0a0a0a0a-0000-4000-8000-00000000000b',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [
          0,
          0
        ],
        parameters: {
          httpMethod: 'POST',
          path: 'peer-fail',
          responseMode: 'lastNode',
          options: {}
        }
      },
      {
        id: '22222222-2222-4222-8222-222222222222',
        name: 'Stop and Error',
        type: 'n8n-nodes-base.stopAndError',
        typeVersion: 1,
        position: [
          220,
          0
        ],
        parameters: {
          errorType: 'errorMessage',
          errorMessage: 'peer-fail: deliberate failure for acceptance tests'
        }
      }
    ],
    connections: {
      Webhook: {
        main: [
          [
            {
              node: 'Stop and Error',
              type: 'main',
              index: 0
            }
          ]
        ]
      }
    },
    nodeGroups: [],
    authors: 'Peer Owner',
    name: null,
    description: null,
    autosaved: false,
    createdAt: '2026-11-25T17:58:53.164Z',
    updatedAt: '2026-11-25T17:58:53.164Z'
  }
};

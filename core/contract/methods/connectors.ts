import { ListConnectorsInput } from '../catalog.ts';
import {
  AddConnectorInput, AddConnectorOutput, AddPushConnectorInput, ConnectorRefInput, ListConnectorsWithStateOutput, PollNowOutput,
  SetCredentialInput, SetPausedInput, SimpleOutcome, TestConnectorInput, TestOutcome,
} from '../connectors.ts';

/** `connectors/*`: adding, testing, pausing and polling the connectors, and their credentials. */
export const connectorSchemas = {
  'connectors/list-connectors': { input: ListConnectorsInput, output: ListConnectorsWithStateOutput, write: false, permission: 'read' },
  // Testing a connector makes the core call the connector's address: an operator's step, not a viewer's.
  'connectors/test-connector': { input: TestConnectorInput, output: TestOutcome, write: false, permission: 'operate' },
  'connectors/add-connector': { input: AddConnectorInput, output: AddConnectorOutput, write: true, permission: 'admin' },
  'connectors/add-push-connector': { input: AddPushConnectorInput, output: AddConnectorOutput, write: true, permission: 'admin' },
  'connectors/remove-connector': { input: ConnectorRefInput, output: SimpleOutcome, write: true, permission: 'admin' },
  'connectors/set-paused': { input: SetPausedInput, output: SimpleOutcome, write: true, permission: 'operate' },
  'connectors/set-credential': { input: SetCredentialInput, output: SimpleOutcome, write: true, permission: 'admin' },
  'connectors/poll-now': { input: ConnectorRefInput, output: PollNowOutput, write: true, permission: 'operate' },
} as const;

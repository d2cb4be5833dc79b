import { ListConnectorsInput } from '../catalog.ts';
import {
  AddConnectorInput, AddConnectorOutput, AddPushConnectorInput, ConnectorRefInput, ListConnectorsWithStateOutput, PollNowOutput,
  SetCredentialInput, SetPausedInput, SimpleOutcome, TestConnectorInput, TestOutcome,
} from '../connectors.ts';

/** `connectors/*`: adding, testing, pausing and polling the connectors, and their credentials. */
export const connectorSchemas = {
  'connectors/list-connectors': { input: ListConnectorsInput, output: ListConnectorsWithStateOutput, write: false },
  'connectors/test-connector': { input: TestConnectorInput, output: TestOutcome, write: false },
  'connectors/add-connector': { input: AddConnectorInput, output: AddConnectorOutput, write: true },
  'connectors/add-push-connector': { input: AddPushConnectorInput, output: AddConnectorOutput, write: true },
  'connectors/remove-connector': { input: ConnectorRefInput, output: SimpleOutcome, write: true },
  'connectors/set-paused': { input: SetPausedInput, output: SimpleOutcome, write: true },
  'connectors/set-credential': { input: SetCredentialInput, output: SimpleOutcome, write: true },
  'connectors/poll-now': { input: ConnectorRefInput, output: PollNowOutput, write: true },
} as const;

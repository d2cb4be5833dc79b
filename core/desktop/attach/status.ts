/** Where an attached desktop stands with its team server, in plain words for the tray and Settings. */
export type AttachState = 'connecting' | 'connected' | 'unreachable' | 'signed-out';

export interface AttachStatus {
  state: AttachState;
  /** One plain sentence, e.g. "Can't reach the team server at flowdeck.example.com. Trying again in 8 s." */
  message: string;
  /** The signed-in person's login, when there is one. */
  login: string | null;
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

export const attachMessages = {
  connecting: (server: string) => `Connecting to the team server at ${server}…`,
  connected: (server: string, name: string) => `Connected to the team server at ${server} as ${name}.`,
  unreachable: (server: string, retryInMs: number) => `Can't reach the team server at ${server}. Trying again in ${seconds(retryInMs)} s.`,
  refused: (server: string, retryInMs: number) => `The team server at ${server} turned this desktop away. Trying again in ${seconds(retryInMs)} s.`,
  signedOut: (server: string) => `Not signed in to the team server at ${server}. Sign in to see its workflows.`,
  sessionEnded: (server: string) => `The team server at ${server} ended this desktop's session. Sign in again.`,
  noKeychain: (reason: string) => `Can't keep the sign-in: ${reason}`,
};

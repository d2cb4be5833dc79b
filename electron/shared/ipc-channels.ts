/** IPC channel names shared by main and preload. Only these channels exist. */

/** Renderer -> main (send): asks for a fresh MessagePort to the core. */
export const CORE_CONNECT_CHANNEL = 'core:connect';
/** Main -> renderer (webContents.postMessage): carries the MessagePort in `event.ports[0]`. */
export const CORE_PORT_CHANNEL = 'core:port';
/** Renderer -> main (invoke): opens an https URL in the OS browser. */
export const OPEN_EXTERNAL_CHANNEL = 'shell:open-external';
/** Main -> renderer (webContents.send): a hash route to show, e.g. '#/runs?run=42' (see navigation.ts). */
export const NAVIGATE_CHANNEL = 'app:navigate';
/** Renderer -> main (invoke): this desktop's mode (its own monitor, or a team server) and the attach status. */
export const DESKTOP_MODE_CHANNEL = 'desktop:get-mode';
/** Renderer -> main (invoke): choose this computer (null) or a team server URL; Flowdeck restarts to apply it. */
export const SET_TEAM_SERVER_CHANNEL = 'desktop:set-team-server';
/** Renderer -> main (invoke): sign in to the team server; resolves with the attach status that follows. */
export const SERVER_SIGN_IN_CHANNEL = 'desktop:sign-in';
/** Renderer -> main (invoke): sign out of the team server. */
export const SERVER_SIGN_OUT_CHANNEL = 'desktop:sign-out';
/** Main -> renderer (webContents.send): the attach status changed. */
export const ATTACH_STATUS_CHANNEL = 'desktop:attach-status';

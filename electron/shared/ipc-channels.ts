/** IPC channel names shared by main and preload. Only these channels exist. */

/** Renderer -> main (send): asks for a fresh MessagePort to the core. */
export const CORE_CONNECT_CHANNEL = 'core:connect';
/** Main -> renderer (webContents.postMessage): carries the MessagePort in `event.ports[0]`. */
export const CORE_PORT_CHANNEL = 'core:port';
/** Renderer -> main (invoke): opens an https URL in the OS browser. */
export const OPEN_EXTERNAL_CHANNEL = 'shell:open-external';
/** Main -> renderer (webContents.send): a hash route to show, e.g. '#/runs?run=42' (see navigation.ts). */
export const NAVIGATE_CHANNEL = 'app:navigate';

import type { AttachStatus, CorePortMessage, DesktopMode, FlowdeckBridge } from '../../electron/preload/api.d.ts';

export type { AttachStatus, CorePortMessage, DesktopMode, FlowdeckBridge };

/** The `window.postMessage` payload that carries a port to the core (see electron/preload/api.d.ts). */
export const CORE_PORT_MESSAGE: CorePortMessage = 'flowdeck:core-port';

/** The preload bridge when running inside the Electron shell; undefined in a browser (serve mode). */
export function getBridge(): FlowdeckBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.flowdeck;
}

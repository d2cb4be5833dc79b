import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CORE_CONNECT_CHANNEL, OPEN_EXTERNAL_CHANNEL } from '../shared/ipc-channels.ts';
import { isAppUrl } from './app-origin.ts';
import { openExternalUrl } from './external-url.ts';
import type { WindowRegistry } from './window-registry.ts';

export interface IpcDeps {
  registry: WindowRegistry;
  core: { connect(contents: WebContents): void };
}

/**
 * IPC is honoured only from the top frame of one of our windows, showing a page on app://flowdeck.
 * Anything else (a subframe, a foreign origin, a destroyed frame, a webContents we did not create) is refused.
 */
export function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent, registry: WindowRegistry): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!isAppUrl(frame.url)) return false;
  return registry.owns(event.sender);
}

function describeSender(event: IpcMainEvent | IpcMainInvokeEvent): string {
  return event.senderFrame?.url ?? '(destroyed frame)';
}

export function registerIpc(deps: IpcDeps): void {
  ipcMain.on(CORE_CONNECT_CHANNEL, (event) => {
    if (!isTrustedSender(event, deps.registry)) {
      console.warn(`[flowdeck] refused ${CORE_CONNECT_CHANNEL} from ${describeSender(event)}`);
      return;
    }
    deps.core.connect(event.sender);
  });
  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, async (event, url: unknown) => {
    if (!isTrustedSender(event, deps.registry)) {
      throw new Error(`Refused ${OPEN_EXTERNAL_CHANNEL} from an untrusted sender.`);
    }
    await openExternalUrl(url);
  });
}

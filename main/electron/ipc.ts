import { ipcMain, type WebContents } from 'electron';
import { IPC_EVENT_PREFIX, IPC_INVOKE_PREFIX, methodNames, type EventName, type EventPayload } from '../../core/contract.ts';
import { dispatchText, type DispatchPolicy } from '../handlers/dispatch.ts';
import type { HandlerTable } from '../handlers/table.ts';

export function registerIpcHandlers(table: HandlerTable, policy: DispatchPolicy): void {
  for (const method of methodNames) {
    ipcMain.handle(IPC_INVOKE_PREFIX + method, (event, args: unknown) => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
      return dispatchText(table, method, args, sender, policy);
    });
  }
}

export function createEventSink(target: () => WebContents | null) {
  return <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_PREFIX + event, payload);
  };
}

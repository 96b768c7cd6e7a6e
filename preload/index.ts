// The whole preload: expose the contract-derived API, nothing else (no ipcRenderer, no channel names).
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_PREFIX, IPC_INVOKE_PREFIX } from '../core/contract.ts';
import { createApi } from './create-api.ts';

contextBridge.exposeInMainWorld(
  'api',
  createApi(
    (method, args) => ipcRenderer.invoke(IPC_INVOKE_PREFIX + method, args),
    (event, listener) => {
      const channel = IPC_EVENT_PREFIX + event;
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => ipcRenderer.removeListener(channel, forward);
    },
  ),
);

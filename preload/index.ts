// The whole preload: expose the bridge (two functions over the contract's channels), nothing else: no ipcRenderer,
// no channel names. The typed API is built from it in the renderer (core/api-client.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('bridge', createBridge(ipcRenderer));

/**
 * The preload script: runs sandboxed, with context isolation, before the page. It puts exactly `window.motcua`
 * into the page and nothing else. Bundled into one CommonJS file (a sandboxed preload can require only 'electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createMotcuaBridge } from './motcua-bridge';

contextBridge.exposeInMainWorld('motcua', createMotcuaBridge(ipcRenderer));

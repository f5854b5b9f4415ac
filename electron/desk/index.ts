/**
 * The desk backend's entry point for the Electron shell, the loopback host, the CLI and tests.
 * `openDesk` opens a desk's data folder; `createDeskHandlers` + `callDesk` serve the typed desk API over it.
 */
export { openDesk, Desk, type OpenDeskOptions } from './desk';
export { createDeskHandlers, callDesk, type DeskHandlers, type DeskHandlerOptions, type DeskSyncService } from './api/handlers';
export { verifyDataDir, type VerifyReport } from './verify';
export type { DeskIdentity } from './identity/device-identity';

/** The upstream server's public surface, for the command line and tests. */
export { createServer, type CreateServerOptions, type ServerLogOptions } from './app';
export type { ServerStorage } from './storage/contract';
export { openStorage, type StorageLocation } from './storage/open';
export { createDesk } from './admin/desks';

import type { CliCommand } from '../command';

/** Every `motcua` sub-command, in the order `motcua help` lists them. */
export const commands: CliCommand[] = [];

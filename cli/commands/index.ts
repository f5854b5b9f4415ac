import type { CliCommand } from '../command';
import { dueCommand } from './due';
import { holidaysCommand } from './holidays';
import { verifyCommand } from './verify';
import { backupCommand } from './backup';
import { serverCommand } from './server';
import { deskCommand } from './desk';
import { startCommand } from './start';
import { reportCommand } from './report';
import { importCommand } from './import';

/** Every `motcua` sub-command, in the order `motcua help` lists them. */
export const commands: CliCommand[] = [
  startCommand,
  dueCommand,
  holidaysCommand,
  verifyCommand,
  backupCommand,
  serverCommand,
  deskCommand,
  reportCommand,
  importCommand,
];

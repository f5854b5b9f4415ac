import type { Migration } from '../migrate';
import { initial } from './001-initial';
import { reportFacts } from './002-report-facts';

/** Every migration in order. Append new files; never edit or renumber one that has shipped. */
export const migrations: readonly Migration[] = [initial, reportFacts];

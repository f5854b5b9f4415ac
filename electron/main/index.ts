/**
 * The Electron main process entry (bundled to out/main/index.js). Wires the real Electron module and the real
 * desk backend into the shell; everything else lives in modules that are tested without the Electron binary.
 */
import * as electron from 'electron';
import { startDeskApp } from './start-desk-app';
import { openDeskBackend } from './open-desk-backend';

export const deskApp = startDeskApp(electron, { openBackend: openDeskBackend });

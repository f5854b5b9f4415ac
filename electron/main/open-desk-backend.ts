/** The real desk backend behind the shell: the desk's data folder, its handler map, and its notifications. */
import { callDesk, createDeskHandlers, openDesk } from '../desk';
import { SyncClient, syncLogFile } from '../desk/sync';
import type { OpenDeskBackend } from './desk-backend';

export const openDeskBackend: OpenDeskBackend = ({ dataDir, nativeBinding }) => {
  const desk = openDesk({ dataDir, ...(nativeBinding ? { nativeBinding } : {}) });
  // The sync client runs beside the clerk's work; before enrolment it only waits for `sync.enrol`. Its lines are kept
  // in the data folder (logs/sync.log): an installed app has no console for the technician to read.
  const keep = syncLogFile(dataDir);
  const sync = new SyncClient(desk, {
    log: (line) => {
      keep(line);
      console.warn(line);
    },
  });
  sync.start();
  const handlers = createDeskHandlers(desk, { sync });
  return {
    dispatch: (method, rawInput) => callDesk(handlers, method, rawInput),
    events: desk.notifications,
    close: () => {
      // The app is quitting: stop timers and abort what is in flight (each sync step is one transaction, so an
      // aborted round leaves nothing half-written), then close the database.
      void sync.stop();
      desk.close();
    },
  };
};

/** The real desk backend behind the shell: the desk's data folder, its handler map, and its notifications. */
import { callDesk, createDeskHandlers, openDesk } from '../desk';
import type { OpenDeskBackend } from './desk-backend';

export const openDeskBackend: OpenDeskBackend = ({ dataDir, nativeBinding }) => {
  const desk = openDesk({ dataDir, ...(nativeBinding ? { nativeBinding } : {}) });
  const handlers = createDeskHandlers(desk);
  return {
    dispatch: (method, rawInput) => callDesk(handlers, method, rawInput),
    events: desk.notifications,
    close: () => desk.close(),
  };
};

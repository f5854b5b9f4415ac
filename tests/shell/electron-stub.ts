/** One recording Electron per test file: `vi.mock('electron', …)` hands this out, and the test inspects it. */
import { createFakeElectron } from './fake-electron';

export const fake = createFakeElectron();

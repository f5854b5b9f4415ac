/** Printer preferences are per PC (the printer attached to it), so they live in this browser profile. */
export interface PrintPrefs {
  printer: string;
  paper: 'A5' | 'A4';
}

const PRINT_KEY = 'motcua.print';

export function loadPrintPrefs(): PrintPrefs {
  try {
    const stored = JSON.parse(globalThis.localStorage?.getItem(PRINT_KEY) ?? '{}') as Partial<PrintPrefs>;
    return { printer: stored.printer ?? '', paper: stored.paper === 'A4' ? 'A4' : 'A5' };
  } catch {
    return { printer: '', paper: 'A5' };
  }
}

export function savePrintPrefs(prefs: PrintPrefs): void {
  try {
    globalThis.localStorage?.setItem(PRINT_KEY, JSON.stringify(prefs));
  } catch {
    // Without storage the choice lasts until the window closes.
  }
}

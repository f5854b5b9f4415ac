/**
 * A browser drops the focus of a button that becomes disabled to <body> (HTML's focus fixup rule); jsdom keeps it,
 * and its blur() ignores a disabled element, so the button is let go of for a moment to be blurred as a browser would.
 * Call it from a stand-in desk's answer, while the screen waits for it.
 */
export async function dropFocusFromDisabledButton(): Promise<void> {
  await new Promise((settled) => setTimeout(settled, 0));
  const focused = document.activeElement;
  if (!(focused instanceof HTMLButtonElement) || !focused.disabled) return;
  focused.disabled = false;
  focused.blur();
  focused.disabled = true;
}

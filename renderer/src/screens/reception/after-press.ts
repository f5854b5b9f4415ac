/**
 * A field's error shown when the clerk leaves it moves the form under it (the message takes a line). When the field
 * was left by pressing the mouse on something further down (the first paper's tick), the press and its release then
 * land on different places and the click is lost (QA: a ticked box stayed empty; 23 px). So an error due to a pointer
 * press waits for that press to end and its click to be dispatched; leaving by the keyboard shows it at once.
 */
let pressing = false;
let listening = false;
/** Errors waiting for the press under way to end. */
let waiting: (() => void)[] = [];

/** The press ended: the click follows pointerup in the same input event, so a task later it has been handled. */
function released(): void {
  pressing = false;
  const shows = waiting;
  waiting = [];
  if (shows.length > 0) setTimeout(() => shows.forEach((show) => show()), 0);
}

/** Starts watching presses (the first blur would otherwise not know that one is under way). */
export function watchPresses(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  // Capture: seen before the focus moves (the blur that asks comes after pointerdown).
  window.addEventListener('pointerdown', () => (pressing = true), true);
  window.addEventListener('pointerup', released, true);
  window.addEventListener('pointercancel', released, true);
}

/** Runs `show` now, or once the pointer press under way has been released (or cancelled) and its click handled. */
export function afterPress(show: () => void): void {
  watchPresses();
  if (pressing) waiting.push(show);
  else show();
}

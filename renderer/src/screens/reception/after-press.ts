/**
 * A field's error shown when the clerk leaves it moves the form under it (the message takes a line). When the field
 * was left by pressing the mouse on something further down (the first paper's tick), the press and its release then
 * land on different places and the click is lost (QA: a ticked box stayed empty; 23 px). So an error due to a pointer
 * press waits for that press to end and its click to be dispatched; leaving by the keyboard shows it at once.
 */
let pressing = false;
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  // Capture: seen before the focus moves (the blur that asks comes after pointerdown).
  window.addEventListener('pointerdown', () => (pressing = true), true);
  window.addEventListener('pointerup', () => (pressing = false), true);
  window.addEventListener('pointercancel', () => (pressing = false), true);
}

/** Runs `show` now, or after the pointer press under way has been released and its click handled. */
export function afterPress(show: () => void): void {
  listen();
  if (!pressing) {
    show();
    return;
  }
  window.addEventListener(
    'pointerup',
    () => {
      // The click follows pointerup in the same input event; a task later, it has been handled.
      setTimeout(show, 0);
    },
    { once: true, capture: true },
  );
}

/** Starts watching presses (the first blur would otherwise not know that one is under way). */
export function watchPresses(): void {
  listen();
}

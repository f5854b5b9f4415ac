/**
 * Search as you type without a queue of stale requests: at most one request is in flight; text typed meanwhile
 * waits, and only the newest waiting text is sent when the answer comes back (the ones in between are never sent).
 * An answer is shown only if nothing newer was asked since. There is no debounce delay: the first keystroke after
 * a pause is sent at once, so a clerk who types one word and stops sees it answered as fast as the desk can.
 */
export class LatestOnly<I, O> {
  private busy = false;
  private waiting: { input: I; deliver: (output: O) => void } | null = null;
  /** Bumped by every submit and cancel: an answer whose number is old is dropped. */
  private latest = 0;

  constructor(private readonly request: (input: I) => Promise<O>) {}

  submit(input: I, deliver: (output: O) => void): void {
    this.latest++;
    if (this.busy) {
      this.waiting = { input, deliver };
      return;
    }
    this.start(input, deliver);
  }

  /** Nothing asked so far will be shown (the clerk cleared the search or changed what is listed). */
  cancel(): void {
    this.latest++;
    this.waiting = null;
  }

  private start(input: I, deliver: (output: O) => void): void {
    this.busy = true;
    const asked = this.latest;
    const settle = (output: O | undefined, failed: boolean) => {
      this.busy = false;
      const next = this.waiting;
      this.waiting = null;
      if (next) this.start(next.input, next.deliver);
      else if (!failed && asked === this.latest) deliver(output as O);
    };
    this.request(input).then(
      (output) => settle(output, false),
      () => settle(undefined, true),
    );
  }
}

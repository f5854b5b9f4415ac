import { describe, expect, it } from 'vitest';
import { LatestOnly } from './latest-only';

/** A desk whose answers the test releases one by one. */
function slowDesk() {
  const asked: string[] = [];
  const pending: (() => void)[] = [];
  const request = (q: string) =>
    new Promise<string>((resolve) => {
      asked.push(q);
      pending.push(() => resolve(`rows for ${q}`));
    });
  const answerNext = async () => {
    pending.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { asked, request, answerNext };
}

describe('search as you type, newest text only', () => {
  it('sends the first text at once and shows its answer', async () => {
    const desk = slowDesk();
    const shown: string[] = [];
    const search = new LatestOnly(desk.request);
    search.submit('nguyen', (rows) => shown.push(rows));
    expect(desk.asked).toEqual(['nguyen']);
    await desk.answerNext();
    expect(shown).toEqual(['rows for nguyen']);
  });

  it('never sends the texts typed while a search runs, except the newest, and never shows a stale answer', async () => {
    const desk = slowDesk();
    const shown: string[] = [];
    const search = new LatestOnly(desk.request);
    for (const text of ['n', 'ng', 'ngu', 'nguy']) search.submit(text, (rows) => shown.push(rows));
    expect(desk.asked).toEqual(['n']);
    await desk.answerNext();
    expect(desk.asked).toEqual(['n', 'nguy']);
    expect(shown).toEqual([]);
    await desk.answerNext();
    expect(shown).toEqual(['rows for nguy']);
  });

  it('shows nothing after the search is cleared, even when the answer arrives later', async () => {
    const desk = slowDesk();
    const shown: string[] = [];
    const search = new LatestOnly(desk.request);
    search.submit('tran', (rows) => shown.push(rows));
    search.cancel();
    await desk.answerNext();
    expect(shown).toEqual([]);
    search.submit('le', (rows) => shown.push(rows));
    await desk.answerNext();
    expect(shown).toEqual(['rows for le']);
  });

  it('keeps working after a request fails', async () => {
    const shown: string[] = [];
    let fail = true;
    const search = new LatestOnly(async (q: string) => {
      if (fail) throw new Error('desk gone');
      return q;
    });
    search.submit('a', (rows) => shown.push(rows));
    await new Promise((r) => setTimeout(r, 0));
    fail = false;
    search.submit('b', (rows) => shown.push(rows));
    await new Promise((r) => setTimeout(r, 0));
    expect(shown).toEqual(['b']);
  });
});

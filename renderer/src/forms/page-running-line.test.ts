import { describe, expect, it } from 'vitest';
import { runningLineCss } from './page-running-line';

describe('the running line of a form over more sheets', () => {
  it('is on every sheet but the first, its words kept whole inside the CSS string', () => {
    const css = runningLineCss('Mẫu số 05 · Mã hồ sơ 000.00.06.H56-261202-1001 (tiếp theo)');
    expect(css).toContain('@top-right { content: "Mẫu số 05 · Mã hồ sơ 000.00.06.H56-261202-1001 (tiếp theo)";');
    expect(css).toContain('@page :first { @top-right { content: none; } }');
    // A quote or a backslash in the words would end the string or escape the next character.
    expect(runningLineCss('a "b" \\ c\nd')).toContain('content: "a \\"b\\" \\\\ c d";');
  });
});

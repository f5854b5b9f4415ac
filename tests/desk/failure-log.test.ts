/** What the desk's log says of a call that failed unexpectedly: what kind of failure and where, never whose data. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failureLogLine } from '../../electron/desk/api/failure-log';

const scan = '/tmp/scans/Nguyễn Văn Bảo CCCD 030099887766.pdf';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('the log line of a failed desk call', () => {
  it("names a file error's kind and system call, not the path, which is often the citizen's name", () => {
    const e = thrown(() => readFileSync(scan));
    const line = failureLogLine('attachments.import', e);
    expect(line).toMatch(/^desk: attachments\.import failed: Error ENOENT \(open\)/);
    for (const personal of ['Nguyễn', 'Bảo', '030099887766', 'scans']) expect(line).not.toContain(personal);
  });

  it('leaves out the text a JSON error quotes, and says where in our code it failed', () => {
    const e = thrown(() => JSON.parse('Nguyễn Văn Bảo 0912345678'));
    const line = failureLogLine('dossiers.receive', e);
    expect(line).toMatch(/^desk: dossiers\.receive failed: SyntaxError at desk\/failure-log\.test\.ts:\d+$/);
    expect(line).not.toMatch(/Nguyễn|0912345678/);
  });

  it('says "unknown error" for a thrown value that is not an Error', () => {
    expect(failureLogLine('x.y', 'Nguyễn Văn Bảo')).toBe('desk: x.y failed: unknown error');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { detectScanType } from '../../electron/desk/attachments/file-type';
import type { DeskEvent } from '../../shared/api/bridge';
import { FORGET_UNLINKED_AFTER_MS } from '../../electron/desk/attachments/unlinked-inbox-imports';
import { ADMIN, allPresent, applicant, makeTestDesk, ordinaryProcedure, rowCounts, tempDir, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function writeTemp(name: string, bytes: Buffer): string {
  const dir = tempDir('motcua-scan-');
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

async function receive(desk: TestDesk) {
  const p = ordinaryProcedure();
  return desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) });
}

const blobFiles = (desk: TestDesk) =>
  readdirSync(path.join(desk.dir, 'blobs')).filter((d) => /^[0-9a-f]{2}$/.test(d)).flatMap((d) => readdirSync(path.join(desk.dir, 'blobs', d)));

describe('file types', () => {
  it('recognises PDF, JPEG, PNG and both TIFF byte orders by content, and nothing else', () => {
    expect(detectScanType(Buffer.from('%PDF-1.4'))).toBe('application/pdf');
    expect(detectScanType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectScanType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(detectScanType(Buffer.from([0x49, 0x49, 0x2a, 0x00]))).toBe('image/tiff');
    expect(detectScanType(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))).toBe('image/tiff');
    expect(detectScanType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(detectScanType(Buffer.from('<html>'))).toBeNull();
    expect(detectScanType(Buffer.alloc(0))).toBeNull();
  });
});

describe('importing and linking scans', () => {
  it('stores a scan under its SHA-256 once, and links it to a paper of the dossier', async () => {
    t = await makeTestDesk();
    const file = writeTemp('cccd.pdf', PDF);
    const imported = await t.must('attachments.import', { source: 'path', path: file });
    expect(imported).toMatchObject({ sha256: sha(PDF), size: PDF.length, mime: 'application/pdf', fileName: 'cccd.pdf', alreadyStored: false });
    const stored = path.join(t.dir, 'blobs', imported.sha256.slice(0, 2), imported.sha256.slice(2));
    expect(existsSync(stored)).toBe(true);
    expect((await t.must('attachments.import', { source: 'path', path: file })).alreadyStored).toBe(true);
    expect(blobFiles(t).length).toBe(1);

    const { dossier } = await receive(t);
    const componentId = ordinaryProcedure().components[0]!.id;
    const linked = await t.must('attachments.link', { dossierId: dossier.id, sha256: imported.sha256, target: { componentId } });
    expect(linked.dossier.version).toBe(2);
    const detail = await t.must('dossiers.get', { dossierId: dossier.id });
    expect(detail.state.components.find((c) => c.componentId === componentId)?.attachmentSha256).toBe(imported.sha256);
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'dossier.attachment_linked', payload: { fileName: 'cccd.pdf', mime: 'application/pdf' } });
  });

  it('keeps the name a scan had when it was imported, also when the same pages were stored before under another', async () => {
    t = await makeTestDesk();
    await t.must('attachments.import', { source: 'path', path: writeTemp('anh.pdf', PDF) });
    const again = await t.must('attachments.import', { source: 'path', path: writeTemp('ảnh chụp CCCD.pdf', PDF) });
    expect(again).toMatchObject({ alreadyStored: true, fileName: 'ảnh chụp CCCD.pdf' });
    expect(blobFiles(t).length).toBe(1);
    const { dossier } = await receive(t);
    const componentId = ordinaryProcedure().components[0]!.id;
    await t.must('attachments.link', { dossierId: dossier.id, sha256: again.sha256, fileName: again.fileName, target: { componentId } });
    const detail = await t.must('dossiers.get', { dossierId: dossier.id });
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'dossier.attachment_linked', payload: { fileName: 'ảnh chụp CCCD.pdf' } });
  });

  it('links a scan of the result and marks the result digitised', async () => {
    t = await makeTestDesk();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);
    const imported = await t.must('attachments.import', { source: 'data', fileName: 'ket-qua.png', dataBase64: png.toString('base64') });
    const { dossier } = await receive(t);
    await t.must('dossiers.resolve', { dossierId: dossier.id, resultDigitised: false });
    await t.must('attachments.link', { dossierId: dossier.id, sha256: imported.sha256, target: { result: true } });
    expect((await t.must('dossiers.get', { dossierId: dossier.id })).state).toMatchObject({ resultDigitised: true, resultAttachmentSha256: imported.sha256 });
  });

  it('refuses a file that is not a scan whatever its name, and keeps nothing of it', async () => {
    t = await makeTestDesk();
    const before = rowCounts(t.desk);
    const r = await t.call('attachments.import', { source: 'path', path: writeTemp('ho-so.pdf', Buffer.from('MZ\x90\x00 this is a program')) });
    expect(r.ok ? null : r.error.code).toBe('attachment_type');
    if (!r.ok) expect(r.error.message.vi).toContain('PDF, JPEG, PNG hoặc TIFF');
    expect(rowCounts(t.desk)).toEqual(before);
    expect(blobFiles(t)).toEqual([]);
    expect(readdirSync(path.join(t.dir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('refuses a file over 25 MB with a clear error', async () => {
    t = await makeTestDesk();
    const big = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.7');
    const r = await t.call('attachments.import', { source: 'path', path: writeTemp('big.pdf', big) });
    expect(r.ok ? null : r.error.code).toBe('attachment_too_large');
    if (!r.ok) expect(r.error.message.en).toContain('25 MB');
    expect(blobFiles(t)).toEqual([]);
  });

  it('refuses links to unknown scans or papers, and reading a scan is audited', async () => {
    t = await makeTestDesk();
    const { dossier } = await receive(t);
    const missing = await t.call('attachments.link', { dossierId: dossier.id, sha256: 'a'.repeat(64), target: { result: true } });
    expect(missing.ok ? null : missing.error.code).toBe('attachment_not_found');
    const imported = await t.must('attachments.import', { source: 'path', path: writeTemp('a.pdf', PDF) });
    const wrong = await t.call('attachments.link', { dossierId: dossier.id, sha256: imported.sha256, target: { componentId: 'khong-co' } });
    expect(wrong.ok ? null : wrong.error.code).toBe('unknown_component');
    const read = await t.must('attachments.get', { sha256: imported.sha256 });
    expect(Buffer.from(read.dataBase64, 'base64').equals(PDF)).toBe(true);
    expect((await t.must('audit.list', { action: 'attachment.view' })).entries[0]!.targetId).toBe(imported.sha256);
  });
});

describe('scan inbox', () => {
  it('announces a new scan once written, lists it, and sets it aside once attached', async () => {
    t = await makeTestDesk();
    const inbox = tempDir('motcua-inbox-');
    const announced: DeskEvent[] = [];
    t.desk.notifications.subscribe((e) => announced.push(e));
    await t.must('settings.set', { scanInboxDir: inbox });
    writeFileSync(path.join(inbox, 'scan-0001.pdf'), PDF);
    await expect.poll(() => announced.map((e) => e.type), { timeout: 8000, interval: 200 }).toContain('scan.added');
    expect(announced[0]).toMatchObject({ type: 'scan.added', data: { fileName: 'scan-0001.pdf', size: PDF.length } });
    expect((await t.must('attachments.inbox', {})).files.map((f) => f.fileName)).toEqual(['scan-0001.pdf']);
    const imported = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0001.pdf' });
    expect(imported.sha256).toBe(sha(PDF));
    expect((await t.must('attachments.inbox', {})).files).toEqual([]);
    expect(existsSync(path.join(inbox, 'imported', 'scan-0001.pdf'))).toBe(true);
    const escape = await t.call('attachments.import', { source: 'inbox', fileName: '../desk.sqlite' });
    expect(escape.ok ? null : escape.error.code).toBe('validation');
  });

  it('leaves the scan in the inbox, and nothing of its import, when the link to the dossier fails; the clerk can try again', async () => {
    t = await makeTestDesk();
    const inbox = tempDir('motcua-inbox-');
    await t.must('settings.set', { scanInboxDir: inbox });
    writeFileSync(path.join(inbox, 'scan-0002.pdf'), PDF);
    const { dossier } = await receive(t);
    const componentId = ordinaryProcedure().components[0]!.id;
    const before = { ...rowCounts(t.desk), audit_log: 0 };
    const listed = async () => (await t!.must('attachments.inbox', {})).files.map((f) => f.fileName);

    // The detail screen's attach: import from the inbox, then link; each way the link can fail.
    const failures = [
      { dossierId: uuidv7(), target: { componentId } },
      { dossierId: dossier.id, target: { componentId: 'khong-co' } },
      { dossierId: dossier.id, target: { componentId }, expectedVersion: dossier.version + 5 },
    ];
    const codes: string[] = [];
    for (const failure of failures) {
      const imported = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0002.pdf' });
      expect(await listed()).toEqual([]);
      const r = await t.call('attachments.link', { ...failure, sha256: imported.sha256, fileName: imported.fileName });
      codes.push(r.ok ? 'linked' : r.error.code);
      if (!r.ok) expect(r.error.message.vi.length).toBeGreaterThan(0);
      expect(await listed()).toEqual(['scan-0002.pdf']);
      expect(existsSync(path.join(inbox, 'imported', 'scan-0002.pdf'))).toBe(false);
      expect({ ...rowCounts(t.desk), audit_log: 0 }).toEqual(before);
      expect(blobFiles(t)).toEqual([]);
    }
    expect(codes).toEqual(['dossier_not_found', 'unknown_component', 'stale_version']);

    const imported = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0002.pdf' });
    await t.must('attachments.link', { dossierId: dossier.id, sha256: imported.sha256, fileName: imported.fileName, target: { componentId } });
    expect(await listed()).toEqual([]);
    expect(existsSync(path.join(inbox, 'imported', 'scan-0002.pdf'))).toBe(true);
    expect((await t.must('dossiers.get', { dossierId: dossier.id })).state.components.find((c) => c.componentId === componentId)?.attachmentSha256).toBe(sha(PDF));
  });

  it('puts a scan taken off its paper before the reception is saved back in the inbox, once, and keeps nothing of its import', async () => {
    t = await makeTestDesk();
    const inbox = tempDir('motcua-inbox-');
    await t.must('settings.set', { scanInboxDir: inbox });
    writeFileSync(path.join(inbox, 'scan-0003.pdf'), PDF);
    const before = { ...rowCounts(t.desk), audit_log: 0 };
    const listed = async () => (await t!.must('attachments.inbox', {})).files.map((f) => f.fileName);

    // Picked for a paper at reception, then taken off it ("Bỏ"): offered again, the only copy, nothing stored.
    const picked = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0003.pdf' });
    expect(await listed()).toEqual([]);
    expect(await t.must('attachments.putBack', { sha256: picked.sha256, fileName: picked.fileName })).toEqual({ offeredAgain: true });
    expect(await listed()).toEqual(['scan-0003.pdf']);
    expect(readdirSync(path.join(inbox, 'imported'))).toEqual([]);
    expect({ ...rowCounts(t.desk), audit_log: 0 }).toEqual(before);
    expect(blobFiles(t)).toEqual([]);
    // Taken off twice (a double click): nothing more happens.
    expect(await t.must('attachments.putBack', { sha256: picked.sha256, fileName: picked.fileName })).toEqual({ offeredAgain: false });
    expect(await listed()).toEqual(['scan-0003.pdf']);

    // Picked again and saved with the dossier: a scan of a saved dossier is never offered again.
    const again = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0003.pdf' });
    const { dossier } = await receive(t);
    await t.must('attachments.link', { dossierId: dossier.id, sha256: again.sha256, fileName: again.fileName, target: { componentId: ordinaryProcedure().components[0]!.id } });
    expect(await t.must('attachments.putBack', { sha256: again.sha256, fileName: again.fileName })).toEqual({ offeredAgain: false });
    expect(await listed()).toEqual([]);
    expect(readdirSync(path.join(inbox, 'imported'))).toEqual(['scan-0003.pdf']);
    expect(Buffer.from((await t.must('attachments.get', { sha256: again.sha256 })).dataBase64, 'base64').equals(PDF)).toBe(true);
  });

  it('keeps a scan stored and linked before when the same pages, taken from the inbox again, fail to link', async () => {
    t = await makeTestDesk();
    const inbox = tempDir('motcua-inbox-');
    await t.must('settings.set', { scanInboxDir: inbox });
    const { dossier } = await receive(t);
    const [first, second] = ordinaryProcedure().components;
    const earlier = await t.must('attachments.import', { source: 'path', path: writeTemp('cccd.pdf', PDF) });
    await t.must('attachments.link', { dossierId: dossier.id, sha256: earlier.sha256, target: { componentId: first!.id } });
    writeFileSync(path.join(inbox, 'cccd-lan-2.pdf'), PDF);
    const again = await t.must('attachments.import', { source: 'inbox', fileName: 'cccd-lan-2.pdf' });
    const r = await t.call('attachments.link', { dossierId: dossier.id, sha256: again.sha256, fileName: again.fileName, target: { componentId: second!.id }, expectedVersion: 1 });
    expect(r.ok ? null : r.error.code).toBe('stale_version');
    expect((await t.must('attachments.inbox', {})).files.map((f) => f.fileName)).toEqual(['cccd-lan-2.pdf']);
    expect(Buffer.from((await t.must('attachments.get', { sha256: earlier.sha256 })).dataBase64, 'base64').equals(PDF)).toBe(true);
  });

  it('lists nothing, without failing, when no inbox folder is set, and says so when the folder has gone', async () => {
    t = await makeTestDesk();
    expect(await t.must('attachments.inbox', {})).toEqual({ folder: null, missing: false, files: [] });
    const unplugged = tempDir('motcua-inbox-');
    await t.must('settings.set', { scanInboxDir: unplugged });
    expect(await t.must('attachments.inbox', {})).toEqual({ folder: unplugged, missing: false, files: [] });
    rmSync(unplugged, { recursive: true });
    expect(await t.must('attachments.inbox', {})).toEqual({ folder: unplugged, missing: true, files: [] });
  });

  it('refuses a scan folder that does not exist, and keeps the one set', async () => {
    t = await makeTestDesk();
    const inbox = tempDir('motcua-inbox-');
    await t.must('settings.set', { scanInboxDir: inbox });
    const typo = path.join(tempDir(), 'Scna');
    const refused = await t.call('settings.set', { scanInboxDir: typo });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'invalid_path',
      field: 'scanInboxDir',
      message: { vi: `Không tìm thấy thư mục ${typo}. Hãy tạo thư mục đó (hoặc cắm ổ đĩa chứa nó) rồi lưu lại.` },
    });
    expect((await t.must('settings.get', {})).scanInboxDir).toBe(inbox);
  });

  it('refuses a scan folder that is not a full path, and keeps the one set', async () => {
    t = await makeTestDesk();
    const inbox = tempDir('motcua-inbox-');
    await t.must('settings.set', { scanInboxDir: inbox });
    const relative = await t.call('settings.set', { scanInboxDir: 'scans', dueSoonWorkingHours: 4 });
    expect(relative.ok ? null : relative.error).toMatchObject({
      code: 'invalid_path',
      field: 'scanInboxDir',
      message: { vi: 'Thư mục quét phải là đường dẫn đầy đủ, ví dụ D:\\Scan.' },
    });
    expect(await t.must('settings.get', {})).toMatchObject({ scanInboxDir: inbox, dueSoonWorkingHours: 8 });
    expect((await t.must('attachments.inbox', {})).folder).toBe(inbox);
  });
});

describe('scan inbox across a restart of the desk', () => {
  /** Another scan: the same PDF with other pages. */
  const otherPdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1500 + n, 0x30 + n), Buffer.from('\n%%EOF\n')]);
  const before = (desk: TestDesk) => ({ ...rowCounts(desk.desk), audit_log: 0 });
  const picks = (desk: TestDesk) => desk.desk.db.prepare('SELECT count(*) FROM unlinked_inbox_imports').pluck().get();

  async function deskWithInbox(now?: string) {
    const desk = await makeTestDesk(now ? { now } : {});
    const inbox = tempDir('motcua-inbox-');
    await desk.must('settings.set', { scanInboxDir: inbox });
    const listed = async () => (await desk.must('attachments.inbox', {})).files.map((f) => f.fileName).sort();
    const aside = () => (existsSync(path.join(inbox, 'imported')) ? readdirSync(path.join(inbox, 'imported')).sort() : []);
    return { desk, inbox, listed, aside };
  }

  /** The desk closed (a power cut, the app closed at lunch) and opened again on the same data folder. */
  async function restart(desk: TestDesk) {
    desk.reopen();
    await desk.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
  }

  it('puts a scan picked before the restart back in the inbox after it, offered again, and keeps nothing of its import', async () => {
    const s = await deskWithInbox();
    t = s.desk;
    writeFileSync(path.join(s.inbox, 'scan-0004.pdf'), PDF);
    const empty = before(t);
    const picked = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0004.pdf' });
    expect(await s.listed()).toEqual([]);
    expect(s.aside()).toEqual(['scan-0004.pdf']);

    await restart(t);
    expect(await t.must('attachments.putBack', { sha256: picked.sha256, fileName: picked.fileName })).toEqual({ offeredAgain: true });
    expect(await s.listed()).toEqual(['scan-0004.pdf']);
    expect(readFileSync(path.join(s.inbox, 'scan-0004.pdf')).equals(PDF)).toBe(true);
    expect(s.aside()).toEqual([]);
    expect(before(t)).toEqual(empty);
    expect(blobFiles(t)).toEqual([]);
    expect(picks(t)).toBe(0);
    // Taken off twice (the renderer retrying): nothing more happens.
    expect(await t.must('attachments.putBack', { sha256: picked.sha256, fileName: picked.fileName })).toEqual({ offeredAgain: false });
    expect(await s.listed()).toEqual(['scan-0004.pdf']);
  });

  it('puts a scan back in the inbox after the desk process was killed right after picking it (a power cut)', async () => {
    const s = await deskWithInbox();
    t = s.desk;
    writeFileSync(path.join(s.inbox, 'scan-0005.pdf'), PDF);
    const empty = before(t);
    t.desk.close();
    const { sha256, signal } = await pickThenDie(t.dir, 'scan-0005.pdf');
    expect(signal).toBe('SIGKILL');
    expect(sha256).toBe(sha(PDF));
    expect(s.aside()).toEqual(['scan-0005.pdf']);

    await restart(t);
    expect(await s.listed()).toEqual([]);
    expect(await t.must('attachments.putBack', { sha256, fileName: 'scan-0005.pdf' })).toEqual({ offeredAgain: true });
    expect(await s.listed()).toEqual(['scan-0005.pdf']);
    expect(s.aside()).toEqual([]);
    expect(before(t)).toEqual(empty);
    expect(blobFiles(t)).toEqual([]);
  });

  it('puts a scan picked before the restart back in the inbox when its link fails after it', async () => {
    const s = await deskWithInbox();
    t = s.desk;
    writeFileSync(path.join(s.inbox, 'scan-0006.pdf'), PDF);
    const { dossier } = await receive(t);
    const componentId = ordinaryProcedure().components[0]!.id;
    const empty = before(t);

    const failures = [
      { dossierId: uuidv7(), target: { componentId } },
      { dossierId: dossier.id, target: { componentId }, expectedVersion: dossier.version + 5 },
    ];
    const codes: string[] = [];
    for (const failure of failures) {
      const picked = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0006.pdf' });
      await restart(t);
      expect(await s.listed()).toEqual([]);
      const r = await t.call('attachments.link', { ...failure, sha256: picked.sha256, fileName: picked.fileName });
      codes.push(r.ok ? 'linked' : r.error.code);
      expect(await s.listed()).toEqual(['scan-0006.pdf']);
      expect(s.aside()).toEqual([]);
      expect(before(t)).toEqual(empty);
      expect(blobFiles(t)).toEqual([]);
      expect(picks(t)).toBe(0);
    }
    expect(codes).toEqual(['dossier_not_found', 'stale_version']);

    // Picked, the desk restarted, linked: the scan is the dossier's and stays set aside.
    const picked = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0006.pdf' });
    await restart(t);
    await t.must('attachments.link', { dossierId: dossier.id, sha256: picked.sha256, fileName: picked.fileName, target: { componentId } });
    expect(await s.listed()).toEqual([]);
    expect(s.aside()).toEqual(['scan-0006.pdf']);
    expect(picks(t)).toBe(0);
  });

  it('never moves back a scan linked before the restart, also when the same pages picked under another name are put back', async () => {
    const s = await deskWithInbox();
    t = s.desk;
    // The same pages saved twice by the scanner's software, under two names.
    writeFileSync(path.join(s.inbox, 'cccd.pdf'), PDF);
    writeFileSync(path.join(s.inbox, 'cccd (1).pdf'), PDF);
    const { dossier } = await receive(t);
    const componentId = ordinaryProcedure().components[0]!.id;
    const first = await t.must('attachments.import', { source: 'inbox', fileName: 'cccd.pdf' });
    const second = await t.must('attachments.import', { source: 'inbox', fileName: 'cccd (1).pdf' });
    await t.must('attachments.link', { dossierId: dossier.id, sha256: first.sha256, fileName: first.fileName, target: { componentId } });

    await restart(t);
    expect(await t.must('attachments.putBack', { sha256: first.sha256, fileName: first.fileName })).toEqual({ offeredAgain: false });
    // The other pick goes back to the inbox, but the pages stay stored: the dossier links them.
    expect(await t.must('attachments.putBack', { sha256: second.sha256, fileName: second.fileName })).toEqual({ offeredAgain: true });
    expect(await s.listed()).toEqual(['cccd (1).pdf']);
    expect(s.aside()).toEqual(['cccd.pdf']);
    expect(Buffer.from((await t.must('attachments.get', { sha256: first.sha256 })).dataBase64, 'base64').equals(PDF)).toBe(true);
    expect((await t.must('dossiers.get', { dossierId: dossier.id })).state.components.find((c) => c.componentId === componentId)?.attachmentSha256).toBe(sha(PDF));
  });

  it('finds a scan still in the inbox after a crash between its rows and its move, and puts it back', async () => {
    const s = await deskWithInbox();
    t = s.desk;
    writeFileSync(path.join(s.inbox, 'scan-0007.pdf'), PDF);
    const empty = before(t);
    const picked = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0007.pdf' });
    // What a power cut between the committed rows and the move leaves: the rows, and the file still in the inbox.
    renameSync(path.join(s.inbox, 'imported', 'scan-0007.pdf'), path.join(s.inbox, 'scan-0007.pdf'));

    await restart(t);
    expect(await s.listed()).toEqual(['scan-0007.pdf']);
    expect(await t.must('attachments.putBack', { sha256: picked.sha256, fileName: picked.fileName })).toEqual({ offeredAgain: true });
    expect(await s.listed()).toEqual(['scan-0007.pdf']);
    expect(before(t)).toEqual(empty);
    expect(blobFiles(t)).toEqual([]);
  });

  it('sets a scan aside once linked when a crash came between its rows and its move, so it is not offered again', async () => {
    const s = await deskWithInbox();
    t = s.desk;
    const { dossier } = await receive(t);
    const componentId = ordinaryProcedure().components[0]!.id;
    writeFileSync(path.join(s.inbox, 'scan-0008.pdf'), PDF);
    const picked = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0008.pdf' });
    renameSync(path.join(s.inbox, 'imported', 'scan-0008.pdf'), path.join(s.inbox, 'scan-0008.pdf'));

    await restart(t);
    await t.must('attachments.link', { dossierId: dossier.id, sha256: picked.sha256, fileName: picked.fileName, target: { componentId } });
    // Linked to this dossier: the folder no longer offers it for the next citizen's papers.
    expect(await s.listed()).toEqual([]);
    expect(s.aside()).toEqual(['scan-0008.pdf']);
  });

  it('keeps nothing of a scan whose put-back a crash cut short, once it is picked again and put back', async () => {
    const s = await deskWithInbox();
    t = s.desk;
    writeFileSync(path.join(s.inbox, 'scan-0009.pdf'), PDF);
    const empty = before(t);
    await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0009.pdf' });
    // What a power cut after the file went back, before the rows were forgotten, leaves.
    renameSync(path.join(s.inbox, 'imported', 'scan-0009.pdf'), path.join(s.inbox, 'scan-0009.pdf'));
    await restart(t);

    const again = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0009.pdf' });
    expect(again.alreadyStored).toBe(true);
    expect(await t.must('attachments.putBack', { sha256: again.sha256, fileName: again.fileName })).toEqual({ offeredAgain: true });
    expect(await s.listed()).toEqual(['scan-0009.pdf']);
    expect(before(t)).toEqual(empty);
    expect(blobFiles(t)).toEqual([]);
  });

  it('sets a later scan of the same name aside beside ours, never over it, and puts ours back beside a newer one', async () => {
    const s = await deskWithInbox();
    t = s.desk;
    const { dossier } = await receive(t);
    const componentId = ordinaryProcedure().components[0]!.id;
    writeFileSync(path.join(s.inbox, 'scan-0001.pdf'), PDF);
    const picked = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0001.pdf' });

    await restart(t);
    // The scanner's counter starts again: another citizen's paper comes in under the same name, and is linked.
    const later = otherPdf(1);
    writeFileSync(path.join(s.inbox, 'scan-0001.pdf'), later);
    const other = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0001.pdf' });
    await t.must('attachments.link', { dossierId: dossier.id, sha256: other.sha256, fileName: other.fileName, target: { componentId } });
    expect(s.aside()).toEqual(['scan-0001 (2).pdf', 'scan-0001.pdf']);
    expect(readFileSync(path.join(s.inbox, 'imported', 'scan-0001.pdf')).equals(PDF)).toBe(true);
    // And a third, not picked yet, waits in the folder under the same name.
    const third = otherPdf(3);
    writeFileSync(path.join(s.inbox, 'scan-0001.pdf'), third);

    expect(await t.must('attachments.putBack', { sha256: picked.sha256, fileName: picked.fileName })).toEqual({ offeredAgain: true });
    expect(readFileSync(path.join(s.inbox, 'scan-0001.pdf')).equals(third)).toBe(true);
    expect(readFileSync(path.join(s.inbox, 'scan-0001 (2).pdf')).equals(PDF)).toBe(true);
    expect(readFileSync(path.join(s.inbox, 'imported', 'scan-0001 (2).pdf')).equals(later)).toBe(true);
    expect(readdirSync(s.inbox).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(blobFiles(t)).toEqual([other.sha256.slice(2)]);
    expect((await t.call('attachments.get', { sha256: picked.sha256 })).ok).toBe(false);
  });

  it('puts the pages back from the store when their file is gone from imported/ (cleared by hand)', async () => {
    const s = await deskWithInbox();
    t = s.desk;
    writeFileSync(path.join(s.inbox, 'scan-0007.pdf'), PDF);
    const picked = await t.must('attachments.import', { source: 'inbox', fileName: 'scan-0007.pdf' });
    await restart(t);
    rmSync(path.join(s.inbox, 'imported', 'scan-0007.pdf'));

    expect(await t.must('attachments.putBack', { sha256: picked.sha256, fileName: picked.fileName })).toEqual({ offeredAgain: true });
    expect(readFileSync(path.join(s.inbox, 'scan-0007.pdf')).equals(PDF)).toBe(true);
    expect(readdirSync(s.inbox).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(blobFiles(t)).toEqual([]);
  });

  it('forgets, when the desk opens, the picks abandoned for longer than sixty days, leaving their files where they are', async () => {
    expect(FORGET_UNLINKED_AFTER_MS).toBe(60 * 24 * 60 * 60 * 1000);
    const s = await deskWithInbox();
    t = s.desk;
    writeFileSync(path.join(s.inbox, 'bo-quen.pdf'), PDF);
    const abandoned = await t.must('attachments.import', { source: 'inbox', fileName: 'bo-quen.pdf' });
    t.clock.advanceMinutes(59 * 24 * 60);
    writeFileSync(path.join(s.inbox, 'de-rieng.pdf'), otherPdf(2));
    const setAside = await t.must('attachments.import', { source: 'inbox', fileName: 'de-rieng.pdf' });
    t.clock.advanceMinutes(2 * 24 * 60);

    await restart(t);
    expect(picks(t)).toBe(1);
    // Sixty-one days on: forgotten, its file stays in imported/ and its pages stay stored.
    expect(await t.must('attachments.putBack', { sha256: abandoned.sha256, fileName: abandoned.fileName })).toEqual({ offeredAgain: false });
    expect(s.aside()).toEqual(['bo-quen.pdf', 'de-rieng.pdf']);
    expect(Buffer.from((await t.must('attachments.get', { sha256: abandoned.sha256 })).dataBase64, 'base64').equals(PDF)).toBe(true);
    // Two days on (a reception set aside, finished later): still put back.
    expect(await t.must('attachments.putBack', { sha256: setAside.sha256, fileName: setAside.fileName })).toEqual({ offeredAgain: true });
    expect(await s.listed()).toEqual(['de-rieng.pdf']);
    expect(s.aside()).toEqual(['bo-quen.pdf']);
    expect(picks(t)).toBe(0);
  });
});

const here = path.dirname(fileURLToPath(import.meta.url));

/** Picks `fileName` from the inbox in a desk process of its own, which then dies with SIGKILL (fixtures/scan-picker.ts). */
function pickThenDie(dataDir: string, fileName: string): Promise<{ sha256: string | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'scan-picker.ts'), dataDir, fileName], {
      cwd: path.join(here, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const sha256 = /^PICKED ([0-9a-f]{64})$/m.exec(stdout)?.[1] ?? null;
      if (sha256 === null) reject(new Error(`the picker ended (${code ?? signal}) without picking: ${stderr}`));
      else resolve({ sha256, signal });
    });
  });
}

/**
 * The dossier list's columns on the screens clerks have (1366×768 laptops, 1024×768 old commune monitors), with
 * dossiers received at the desk beside online submissions not yet received (no code yet, "—"): every date is whole,
 * and the applicant's name and the procedure are read in full — QA saw "04/02/202…" under "Ngày nhận", and at 1,024 px
 * "Phạm Mạnh Hiế…" with no procedure at all beside a wide column of "—".
 */
import type { Locator } from '@playwright/test';
import { test, expect, ADMIN } from './support/fixtures';
import { FAST_SYNC, type DeskHost } from './support/desk-host';
import type { DistrictServer } from './support/district-server';
import { toVnIso } from '../../shared/calendar/vn-time';

test.use({ deskSync: FAST_SYNC });

/** Ordinary names and procedures of ordinary length (the district's own), as the portal and the desk receive them. */
const ONLINE = [
  { name: 'Phạm Mạnh Hiếu', procedureCode: '2.000528.000.00.00.H56', procedure: 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài' },
  { name: 'Nguyễn Thị Thanh Hương', procedureCode: '2.000806.000.00.00.H56', procedure: 'Thủ tục đăng ký kết hôn có yếu tố nước ngoài' },
];
const IN_PERSON = { name: 'Trần Quốc Khánh', procedureCode: '2.001019.000.00.00.H56', procedure: 'Thủ tục chứng thực di chúc' };

/** The desk enrolled with the district server through the desk API, its administrator created, one dossier received at the counter. */
async function enrolledDeskWithOneReceived(deskHost: DeskHost, districtServer: DistrictServer): Promise<void> {
  const code = await districtServer.createDesk(1);
  for (const [method, input] of [
    // Creating the first administrator logs it in, which enrolling needs.
    ['auth.createAdmin', { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password }],
    ['sync.enrol', { serverUrl: districtServer.url, code }],
    // Enrolling ends the session (the desk has a new identity).
    ['auth.login', { username: ADMIN.username, password: ADMIN.password }],
  ] as const) {
    const done = await deskHost.call(method, input);
    if (!done.ok) throw new Error(`${method}: ${done.error.message.en}`);
  }
  const catalog = await deskHost.call('catalog.procedures', {});
  if (!catalog.ok) throw new Error(catalog.error.message.en);
  const procedure = (catalog.value as { code: string; components: { id: string }[] }[]).find((p) => p.code === IN_PERSON.procedureCode)!;
  const receipt = await deskHost.call('dossiers.receive', {
    procedureCode: procedure.code,
    channel: 'in_person',
    applicant: { kind: 'person', name: IN_PERSON.name, idNumber: '001203004567' },
    components: procedure.components.map((c) => ({ componentId: c.id, present: true })),
  });
  if (!receipt.ok) throw new Error(receipt.error.message.en);
  await deskHost.call('auth.logout', {});
}

/**
 * Why the clerk cannot read `text` (the first match in the cell) whole, or null: it has no width, it is laid out
 * outside its row or outside a box between it and the row that hides its overflow, or such a box in the cell
 * overflows — there the text may be cut, or its last characters painted over by "…" (as "04/02/202…" was: an ellipsis
 * does not move the characters it hides, so their positions alone do not show it).
 */
async function hiddenPart(cell: Locator, text: string | RegExp): Promise<string | null> {
  return cell.evaluate(
    (el, { source, flags }) => {
      const pieces: { node: Text; start: number }[] = [];
      let all = '';
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        pieces.push({ node: node as Text, start: all.length });
        all += (node as Text).data;
      }
      const match = new RegExp(source, flags).exec(all);
      if (!match) return `"${source}" is not in "${all}"`;
      const position = (offset: number) => {
        const piece = pieces.findLast((p) => p.start <= offset)!;
        return { node: piece.node, offset: offset - piece.start };
      };
      const range = document.createRange();
      const from = position(match.index);
      const to = position(match.index + match[0].length - 1);
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset + 1);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (rects.length === 0) return `"${match[0]}" has no width`;
      const name = (box: Element) => `${box.tagName.toLowerCase()}.${[...box.classList].join('.')}`;
      const row = el.closest('[role="row"]')!;
      for (let box: Element | null = from.node.parentElement; box && box !== row.parentElement; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (box !== row && style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const room = box.getBoundingClientRect();
        for (const r of rects) {
          if (r.left < room.left - 1 || r.right > room.right + 1 || r.top < room.top - 1 || r.bottom > room.bottom + 1) {
            return `"${match[0]}" at x ${Math.round(r.left)}–${Math.round(r.right)}, y ${Math.round(r.top)}–${Math.round(r.bottom)} is outside ${name(box)} (x ${Math.round(room.left)}–${Math.round(room.right)}, y ${Math.round(room.top)}–${Math.round(room.bottom)})`;
          }
        }
        if (box !== row && (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1)) {
          return `"${match[0]}" is in ${name(box)}, which hides ${box.scrollWidth}×${box.scrollHeight}px of "${box.textContent}" in ${box.clientWidth}×${box.clientHeight}px`;
        }
      }
      return null;
    },
    typeof text === 'string' ? { source: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags: '' } : { source: text.source, flags: text.flags },
  );
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}×${size.height} the list shows whole dates, and names and procedures beside a column of "—"`, async ({
    deskHost,
    districtServer,
    app,
    dossierList,
    page,
  }) => {
    await enrolledDeskWithOneReceived(deskHost, districtServer);
    const submittedAt = toVnIso(new Date());
    for (const [i, online] of ONLINE.entries()) {
      await districtServer.submitOnline({
        procedureCode: online.procedureCode,
        applicant: { kind: 'person', name: online.name, idNumber: `00120300${4900 + i}` },
        portalRef: `DVC-2026-00432${i}`,
        submittedAt,
      });
    }
    await page.setViewportSize(size);
    await app.openAs(ADMIN, 'dossiers');
    await expect(dossierList.rows).toHaveCount(3, { timeout: 15_000 });

    const check = async (filter: string) => {
      const rows = await dossierList.rows.all();
      expect(rows.length, filter).toBeGreaterThan(0);
      for (const row of rows) {
        const cells = row.getByRole('cell');
        const at = `${filter}, ${(await cells.nth(2).textContent())?.slice(0, 30)}`;
        const widths = await cells.evaluateAll((all) => all.map((cell) => cell.getBoundingClientRect().width));
        for (const column of [2, 3, 4]) expect.soft(widths[column], `${at}: column ${column + 1}`).toBeGreaterThan(0);
        // The code column, often "—", leaves the names the wider part.
        expect.soft(widths[0], `${at}: the code column`).toBeLessThan(widths[2]!);
        // The code, whole even on two lines.
        if ((await cells.nth(0).textContent()) !== '—') expect.soft(await hiddenPart(cells.nth(0), /^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/), `${at}: code`).toBeNull();
        // Ngày nhận, also on a submission "(nộp trực tuyến)"; Hạn xử lý, once the dossier has one ("—" before it is received).
        expect.soft(await hiddenPart(cells.nth(3), /\d\d\/\d\d\/\d{4}/), `${at}: received`).toBeNull();
        if ((await cells.nth(3).textContent())?.includes('nộp trực tuyến')) expect.soft(await hiddenPart(cells.nth(3), 'nộp trực tuyến'), `${at}: the online note`).toBeNull();
        if ((await cells.nth(4).textContent()) !== '—') expect.soft(await hiddenPart(cells.nth(4), /\d\d:\d\d \d\d\/\d\d\/\d{4}/), `${at}: due`).toBeNull();
      }
      for (const dossier of [...ONLINE, IN_PERSON]) {
        const row = dossierList.row(dossier.name);
        if ((await row.count()) === 0) continue;
        const cell = row.getByRole('cell').nth(2);
        expect.soft(await hiddenPart(cell, dossier.name), `${filter}: the applicant`).toBeNull();
        expect.soft(await hiddenPart(cell, dossier.procedure), `${filter}: the procedure of ${dossier.name}`).toBeNull();
      }
    };
    await check('all');
    await expect(dossierList.row(IN_PERSON.name).getByRole('cell').first()).toHaveText(/^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
    await expect(dossierList.row(ONLINE[0]!.name).getByRole('cell').first()).toHaveText('—');

    // As QA had it: the online submissions not yet received ("Mới đăng ký"), then the online channel.
    await page.getByTestId('filter-status').selectOption('1');
    await expect(dossierList.rows).toHaveCount(2);
    await check('Mới đăng ký');
    await page.getByTestId('filter-status').selectOption('');
    await page.getByLabel('Hình thức nộp').selectOption('online');
    await expect(dossierList.rows).toHaveCount(2);
    await check('Trực tuyến');
  });
}

test('at 1024×768 each paper of an online dossier is ticked on the first line of its own name', async ({ deskHost, districtServer, app, dossierList, dossierDetail, page }) => {
  // QA: in the narrow actions column a long paper name went onto the line under its box, so each box stood beside
  // the previous paper's name, and the mandatory mark alone on a line; a clerk could tick the wrong paper.
  await enrolledDeskWithOneReceived(deskHost, districtServer);
  const online = ONLINE[0]!;
  await districtServer.submitOnline({
    procedureCode: online.procedureCode,
    applicant: { kind: 'person', name: online.name, idNumber: '001203004901' },
    portalRef: 'DVC-2026-004330',
    submittedAt: toVnIso(new Date()),
  });
  await page.setViewportSize({ width: 1024, height: 768 });
  await app.openAs(ADMIN, 'dossiers');
  await dossierList.open(online.name);
  await dossierDetail.action(/^Tiếp nhận/).click();
  const papers = page.getByTestId('action-papers').locator('label');
  expect(await papers.count()).toBeGreaterThan(1);
  for (const paper of await papers.all()) {
    const placed = await paper.evaluate((label) => {
      const box = label.querySelector('input')!.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(label.querySelector('span')!);
      const lines = [...range.getClientRects()].filter((r) => r.width > 0);
      const first = lines.reduce((a, b) => (b.top < a.top ? b : a));
      const middle = (box.top + box.bottom) / 2;
      return { name: label.textContent, beside: box.right <= Math.min(...lines.map((l) => l.left)), onFirstLine: middle >= first.top && middle <= first.bottom };
    });
    expect.soft(placed, `${placed.name}`).toMatchObject({ beside: true, onFirstLine: true });
  }
});

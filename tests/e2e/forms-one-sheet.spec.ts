/**
 * Forms 01–05 printed for a realistic dossier, saved as PDF as Electron prints them (the CSS page size, A5): each
 * fits one sheet. QA: an ordinary applicant's receipt (ID number, address, phone; a procedure with a few papers) ran
 * onto a second A5 page with only its lookup line, a wasted sheet on every slip.
 */
import type { Page } from '@playwright/test';
import { dueForReceipt } from '../../shared/calendar/deadline';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { toVnIso } from '../../shared/calendar/vn-time';
import type { DeskHost } from './support/desk-host';
import { ADMIN, test, expect } from './support/fixtures';
import { readPdf } from './support/pdf-reader';

/** A person with every line form 01 prints filled in, and long ones. */
const applicant = {
  kind: 'person',
  name: 'Tôn Nữ Thị Hoàng Phương Uyên',
  idNumber: '046186012345',
  phone: '0912345678',
  email: 'phuonguyen.tonnu@example.vn',
  address: 'Số 127, ngõ 45 đường Nguyễn Lương Bằng, khu dân cư số 3, phường Thanh Bình, thành phố Hải Dương, tỉnh Hải Dương',
} as const;

/** Five papers, most of them long names: the foreign-element marriage registration. */
const PROCEDURE = 'Thủ tục đăng ký kết hôn có yếu tố nước ngoài';

/** The desk's answer to `method`, or the test stops with the desk's reason. */
async function call<T>(desk: DeskHost, method: Parameters<DeskHost['call']>[0], input: unknown): Promise<T> {
  const result = await desk.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message.en}`);
  return result.value as T;
}

/**
 * The dossiers that print forms 01–05: one received with all five papers, transferred, handed over twice,
 * re-appointed and resolved (forms 01, 04 and 05, four lines on the control slip); one asked for a supplement of three
 * papers (02); one refused at the counter with three papers missing (03).
 */
async function dossiersOfEveryAct(desk: DeskHost): Promise<{ processed: string; supplement: string; refused: string }> {
  await desk.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const catalog = await call<{ code: string; name: string; components: { id: string }[] }[]>(desk, 'catalog.procedures', {});
  const { code: procedureCode, components: papers } = catalog.find((p) => p.name === PROCEDURE)!;
  expect(papers).toHaveLength(5);
  const receive = async () =>
    call<{ dueAt: string; dossier: { id: string } }>(desk, 'dossiers.receive', {
      procedureCode,
      channel: 'in_person',
      applicant,
      components: papers.map((c) => ({ componentId: c.id, present: true })),
    });

  const processed = await receive();
  const dossierId = processed.dossier.id;
  await call(desk, 'dossiers.transfer', { dossierId, toAgency: 'Phòng Tư pháp huyện Thanh Hà', note: 'Chuyển bản gốc kèm phiếu kiểm soát' });
  await call(desk, 'dossiers.handOver', { dossierId, from: 'Phòng Tư pháp huyện Thanh Hà', to: 'Nguyễn Văn Hùng, chuyên viên thẩm định', note: 'Thẩm định hồ sơ' });
  await call(desk, 'dossiers.handOver', { dossierId, from: 'Nguyễn Văn Hùng, chuyên viên thẩm định', to: 'Lãnh đạo Phòng Tư pháp', note: 'Trình ký' });
  // A new appointment a week of working days after the first: within office hours, as the desk requires.
  const newDueAt = dueForReceipt({ receivedAt: new Date(processed.dueAt), processingTime: { kind: 'days', days: 5 }, fridayNoWait: false, calendar: WorkingCalendar.standard() });
  await call(desk, 'dossiers.reappoint', { dossierId, newDueAt: toVnIso(newDueAt), reason: 'Chờ kết quả xác minh tình trạng hôn nhân từ cơ quan đại diện ở nước ngoài' });
  await call(desk, 'dossiers.resolve', { dossierId, resultDigitised: true });

  const supplement = (await receive()).dossier.id;
  await call(desk, 'dossiers.requestSupplement', {
    dossierId: supplement,
    items: ['Bản dịch có chứng thực hộ chiếu của người nước ngoài', 'Giấy xác nhận tình trạng hôn nhân còn thời hạn sử dụng', 'Giấy khám sức khỏe tâm thần cấp trong vòng 6 tháng'],
    reason: 'Giấy tờ của người nước ngoài đã hết hạn sử dụng khi thẩm định',
  });

  const refusal = await call<{ dossier: { id: string } }>(desk, 'dossiers.refuse', {
    procedureCode,
    channel: 'in_person',
    applicant,
    reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp huyện theo quy định hiện hành',
    missingItems: ['Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài', 'Hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của người nước ngoài', 'Giấy xác nhận của tổ chức y tế về sức khỏe tâm thần'],
  });
  return { processed: dossierId, supplement, refused: refusal.dossier.id };
}

/** Prints a form from the detail to PDF (A5, the CSS page size, as Electron prints) and reads its first page. */
async function printed(page: Page, button: RegExp): Promise<{ pages: number; text: string; qr: string | null }> {
  await page.getByRole('button', { name: button }).click();
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet).toBeVisible();
  if ((await sheet.locator('[data-form="01"]').count()) > 0) await expect(sheet.locator('img.qr')).toBeVisible();
  const { pages, text, qr } = await readPdf(page.context(), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.getByRole('button', { name: /Đóng/ }).click();
  await expect(sheet).toBeHidden();
  return { pages, text: text.replace(/\s+/g, ''), qr };
}

test('forms 01–05 for a full applicant and a procedure of five papers each print on one A5 sheet', async ({ loggedIn, dossierDetail, page }) => {
  await call(loggedIn, 'settings.set', { publicLookupUrl: 'https://dichvucong.haiduong.gov.vn/tra-cuu-ho-so' });
  const { processed, supplement, refused } = await dossiersOfEveryAct(loggedIn);
  // Each form with words from its end: the whole form is on the one page counted.
  const forms: { dossier: string; status: string; button: RegExp; words: (string | RegExp)[]; qr?: RegExp }[] = [
    {
      dossier: processed,
      status: 'Đã xử lý xong',
      button: /In phiếu hẹn \(mẫu 01\)/,
      // The lookup line comes last on the slip.
      words: ['TônNữThịHoàngPhươngUyên', 'tỉnhHảiDương', 'Hộchiếuhoặcgiấytờcógiátrịthayhộchiếu', 'quétmãQRtrênphiếunàybằngđiệnthoạirồinhậpmãtracứu'],
      qr: /^https:\/\/dichvucong\.haiduong\.gov\.vn\/tra-cuu-ho-so\?ma=/,
    },
    { dossier: processed, status: 'Đã xử lý xong', button: /In mẫu 04/, words: ['Chờkếtquảxácminhtìnhtrạnghônnhân', 'ĐẠIDIỆNCƠQUAN,ĐƠNVỊ'] },
    // The fourth line, the last: the result back at the desk, judged against the due.
    { dossier: processed, status: 'Đã xử lý xong', button: /In mẫu 05/, words: ['Trìnhký', /Bộphậntiếpnhậnvàtrảkếtquả(Trướchạn|Đúnghạn)/] },
    { dossier: supplement, status: 'Yêu cầu bổ sung', button: /In mẫu 02/, words: ['Giấykhámsứckhỏetâmthầncấptrongvòng6tháng', 'NGƯỜIHƯỚNGDẪN'] },
    { dossier: refused, status: 'Không được tiếp nhận', button: /In mẫu 03/, words: ['Giấyxácnhậncủatổchứcytếvềsứckhỏetâmthần', 'NGƯỜITIẾPNHẬNHỒSƠ'] },
  ];
  for (const { dossier, status, button, words, qr } of forms) {
    if (!page.url().endsWith(`/dossier/${dossier}`)) await page.goto(`${loggedIn.host.pageOrigin}/#/dossier/${dossier}`);
    await expect(dossierDetail.status).toHaveText(status);
    const sheet = await printed(page, button);
    for (const said of words) expect(sheet.text, String(button)).toMatch(said);
    expect(sheet.pages, String(button)).toBe(1);
    if (qr) expect(sheet.qr).toMatch(qr);
  }
});

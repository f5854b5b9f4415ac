/**
 * The citizen's status page: plain server-rendered HTML (no script), in Vietnamese, sized for a phone. The form
 * posts the code and PIN (not in the address, so they stay out of browser history and proxy logs).
 */
import { DossierStatus } from '../../shared/domain/dossier';
import type { PublicStatus } from './lookup';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `27/11/2026 lúc 09:32` from `2026-11-27T09:32:00+07:00` (already Vietnam time). */
export function formatVnDateTime(instant: string | null): string {
  if (!instant) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(instant);
  return m ? `${m[3]}/${m[2]}/${m[1]} lúc ${m[4]}:${m[5]}` : escape(instant);
}

const STYLE = `
  body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; background: #f3f5f8; color: #1b2430; }
  main { max-width: 26rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.25rem; margin: .5rem 0 1rem; }
  form, section { background: #fff; border-radius: .5rem; padding: 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.12); margin-bottom: 1rem; }
  label { display: block; font-weight: 600; margin: .5rem 0 .25rem; }
  input { width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: .6rem; border: 1px solid #9aa5b1; border-radius: .35rem; }
  button { margin-top: 1rem; width: 100%; font-size: 1.1rem; padding: .7rem; border: 0; border-radius: .35rem; background: #0b5cad; color: #fff; }
  dl { margin: 0; } dt { color: #52606d; font-size: .9rem; margin-top: .6rem; } dd { margin: 0; font-weight: 600; }
  .status { font-size: 1.2rem; color: #0b5cad; } .error { color: #a61b1b; font-weight: 600; } .hint { color: #52606d; font-size: .9rem; }
`;

function layout(body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tra cứu hồ sơ</title><style>${STYLE}</style></head>
<body><main><h1>Tra cứu tình trạng hồ sơ</h1>${body}</main></body></html>`;
}

export function lookupForm(code = '', message: string | null = null): string {
  // The field the citizen types next has the focus: the PIN when the code is filled in (the receipt's QR code opens
  // the page so, and a wrong PIN comes back so), the code otherwise. An attribute, as the page runs no script.
  const next = (field: 'ma' | 'pin') => ((code === '') === (field === 'ma') ? ' autofocus' : '');
  return layout(`
<form method="post" action="/tra-cuu">
  ${message ? `<p class="error" role="alert">${escape(message)}</p>` : ''}
  <label for="ma">Mã hồ sơ</label>
  <input id="ma" name="ma" value="${escape(code)}" autocomplete="off" autocapitalize="characters" placeholder="000.00.06.H56-231027-1001" required${next('ma')}>
  <label for="pin">Mã tra cứu (6 số trên phiếu hẹn)</label>
  <input id="pin" name="pin" inputmode="numeric" autocomplete="off" placeholder="042 917" required${next('pin')}>
  <button type="submit">Tra cứu</button>
  <p class="hint">Mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</p>
</form>`);
}

/**
 * The appointment, as it stands in the dossier's status. The receipt's date holds while the dossier is processed;
 * on hold for a supplement or for fees asked for in time the deadline is paused and the desk gives a new date later,
 * so the old one would send the citizen to the desk for nothing. A request made once the dossier was late paused
 * nothing: the date stands, and is said with what to do (QA: the page promised a new date the report never counted).
 * A withdrawn, stopped or refused dossier has no result to come for.
 */
function appointment(s: PublicStatus): string {
  const shown = (date: string, next?: string): string =>
    `<dt>Ngày hẹn trả kết quả</dt><dd id="ngay-hen">${date}</dd>${next ? `\n    <dd class="hint" id="can-lam">${next}</dd>` : ''}`;
  const kept = 'Yêu cầu này được đưa ra khi hồ sơ đã quá ngày hẹn, nên thời hạn giải quyết không tạm dừng và ngày hẹn trên không thay đổi.';
  switch (s.status) {
    case DossierStatus.SupplementRequested: {
      const what = 'Hồ sơ cần được bổ sung theo phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. Vui lòng liên hệ Bộ phận Một cửa nơi nộp hồ sơ';
      return s.appointmentOnHold
        ? shown('Tạm dừng: hồ sơ cần bổ sung', `${what}; ngày hẹn trả kết quả mới được tính lại từ khi hồ sơ được bổ sung đầy đủ.`)
        : shown(formatVnDateTime(s.dueAt), `${what}. ${kept}`);
    }
    case DossierStatus.FeesRequested: {
      const what = 'Vui lòng nộp phí, lệ phí, thuế theo thông báo của Bộ phận Một cửa';
      return s.appointmentOnHold
        ? shown('Tạm dừng: chờ thực hiện nghĩa vụ tài chính', `${what}; thời hạn giải quyết được tính tiếp và ngày hẹn trả kết quả mới được báo lại khi hoàn thành nghĩa vụ tài chính.`)
        : shown(formatVnDateTime(s.dueAt), `${what}. ${kept}`);
    }
    case DossierStatus.NotReceived:
    case DossierStatus.Withdrawn:
    case DossierStatus.Stopped:
      return '';
    default:
      return shown(formatVnDateTime(s.dueAt));
  }
}

export function statusView(s: PublicStatus): string {
  return layout(`
<section aria-label="Kết quả tra cứu">
  ${s.voidedCode ? `<p class="error" role="alert" id="phieu-khong-hieu-luc">Phiếu hẹn mang mã ${escape(s.voidedCode)} không có hiệu lực: hồ sơ được ghi nhận với mã ${escape(s.code)} (hồ sơ đã được tiếp nhận hai lần, lần được giữ mang mã này). Vui lòng dùng mã ${escape(s.code)} khi liên hệ Bộ phận Một cửa; tình trạng dưới đây là của hồ sơ này.</p>` : ''}
  <dl>
    <dt>Mã hồ sơ</dt><dd>${escape(s.code)}</dd>
    ${s.procedureName ? `<dt>Thủ tục</dt><dd>${escape(s.procedureName)}</dd>` : ''}
    <dt>Tình trạng</dt><dd class="status" id="tinh-trang">${escape(s.statusLabel)}</dd>
    <dt>Ngày tiếp nhận</dt><dd>${formatVnDateTime(s.receivedAt)}</dd>
    ${appointment(s)}
    ${s.resolvedAt ? `<dt>Đã giải quyết xong</dt><dd>${formatVnDateTime(s.resolvedAt)}</dd>` : ''}
    ${s.returnedAt ? `<dt>Đã trả kết quả</dt><dd>${formatVnDateTime(s.returnedAt)}</dd>` : ''}
  </dl>
</section>
<p><a href="/tra-cuu">Tra cứu hồ sơ khác</a></p>`);
}

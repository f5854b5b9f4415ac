/**
 * The forms the desk prints (DESIGN.md §3): 01 receipt and appointment slip, 02 supplement request, 03 refusal,
 * 04 apology and re-appointment, 05 control slip, 06 tracking logbook. They are legal documents, so they are
 * printed in Vietnamese whatever language the clerk's screen is in.
 */
import type { Applicant, DossierComponent } from '../../../shared/domain/dossier';
import { componentFormLabels } from '../../../shared/domain/procedure';
import { formatPin } from '../../../shared/domain/pin';
import type { Logbook } from '../../../shared/api/dossier-views';
import type { SupplementReceived } from '../../../shared/domain/lifecycle';
import { DossierStatus } from '../../../shared/domain/dossier';
import { formatVnDate, formatVnDateTime } from '../format/vn-time';
import { QrCode } from './qr';
import { receiptQrText } from '../../../shared/domain/lookup-link';
import { resolutionTiming, resolutionTimingLabels } from './resolution-timing';
import { usePageRunningLine } from './page-running-line';

/**
 * A unit's name inside a sentence: its level in lower case, as official letters write it ("Bộ phận tiếp nhận và trả
 * kết quả huyện Thanh Hà"), the place name as it is. QA read "… kết quả Huyện Thanh Hà" mid-sentence.
 */
const UNIT_LEVEL = /^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn)(?= )/u;
const unitInSentence = (name: string): string => name.replace(UNIT_LEVEL, (level) => level.toLowerCase());

export interface FormHeader {
  /** The receiving unit, e.g. "UBND huyện Thanh Hà". */
  unitName: string;
  clerkName: string;
  /** When the form is printed. */
  printedAt: Date;
  /**
   * When the act the form records was done (the receipt, the supplement request, the refusal, the re-appointment,
   * the hand-over): the date line is that day, in Vietnam time, so a form reprinted weeks later still reads the day
   * of the act, and an apology is not dated after the appointment it promises. Absent, the form is dated the day it
   * is printed: the logbook (form 06) is a book, not an act, and a form printed as its act is recorded is that day.
   */
  actAt?: string;
}

/**
 * The date line under the heading as administrative documents write it (Nghị định 30/2020/NĐ-CP): "Ngày 05 tháng 3
 * năm 2026", a day under 10 and the months 1 and 2 with a leading zero.
 */
function documentDate(at: Date | string): string {
  const [day, month, year] = formatVnDate(at).split('/');
  if (!year) return formatVnDate(at);
  const m = Number(month);
  return `Ngày ${day} tháng ${m <= 2 ? month : String(m)} năm ${year}`;
}

function Heading({ header, formNo }: { header: FormHeader; formNo: string }) {
  return (
    <>
      <p className="form-no">Mẫu số {formNo}</p>
      <div className="heading">
        <div>
          <strong>{header.unitName.toUpperCase()}</strong>
          <strong>BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ</strong>
        </div>
        <div>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          <span className="motto">Độc lập - Tự do - Hạnh phúc</span>
        </div>
      </div>
      <p className="printed-on">{documentDate(header.actAt ?? header.printedAt)}</p>
    </>
  );
}

/**
 * How a form's sentences address the applicant. The templates (TT 01/2018/TT-VPCP) write "Ông/Bà", which is right
 * for a person; a business or an agency that applies is a "tổ chức" (the forms' own "cá nhân, tổ chức"), addressed
 * "Quý tổ chức". A form without an applicant (refused before one was recorded) keeps the template's words.
 */
function addressOf(applicant: Applicant | null): string {
  return applicant?.kind === 'organisation' ? 'Quý tổ chức' : 'Ông/Bà';
}

function ApplicantLines({ applicant }: { applicant: Applicant | null }) {
  if (!applicant) return null;
  const person = applicant.kind === 'person';
  return (
    <>
      <p>
        {person ? 'Ông/Bà' : 'Tổ chức'}: <strong>{applicant.name}</strong>
      </p>
      {/* Since the Law on Identification 2023 (in force 1 July 2024) the 12 digits are the "số định danh cá nhân", the
          same number on a thẻ căn cước and on a CCCD card: the line names the number, not one kind of card. */}
      {applicant.idNumber && (
        <p>
          {!person ? 'Mã số thuế' : applicant.idKind === 'passport' ? 'Số hộ chiếu' : 'Số định danh cá nhân'}: {applicant.idNumber}
        </p>
      )}
      {applicant.address && <p>Địa chỉ: {applicant.address}</p>}
      {applicant.phone && <p>Số điện thoại: {applicant.phone}</p>}
      {applicant.email && <p>Email: {applicant.email}</p>}
    </>
  );
}

const SIGN = '(Ký, ghi rõ họ tên)';

/** A blank the clerk fills in by hand, dotted as printed templates leave one. */
const HAND_FILLED = '…………………';

/**
 * The signature blocks; without `left` (form 04 is signed by the agency alone) the left column stays blank. The name
 * under the right block is printed only when the desk knows who signs there (the clerk who received, guided or
 * refused); form 04 leaves it to the head of the agency, who signs, writes their name and seals.
 */
function Signatures({ left, right, rightName, rightHint = SIGN }: { left?: string; right: string; rightName?: string; rightHint?: string }) {
  return (
    <div className="signatures">
      <div>
        {left && (
          <>
            <strong>{left}</strong>
            <br />
            <em>{SIGN}</em>
          </>
        )}
      </div>
      <div>
        <strong>{right}</strong>
        <br />
        <em>{rightHint}</em>
        {rightName && (
          <>
            <br />
            <br />
            {rightName}
          </>
        )}
      </div>
    </div>
  );
}

export interface ReceiptSlipData {
  code: string;
  pin: string;
  applicant: Applicant;
  procedureName: string;
  /** The procedure's processing time as the law sets it ("5 ngày làm việc"); absent when the catalog lacks it. */
  processingTime?: string;
  components: DossierComponent[];
  receivedAt: string;
  dueAt: string;
  lookupUrl: string | null;
  /** The supplements completed since (a receipt given again with the new appointment lists what came, and when). */
  supplements?: readonly SupplementReceived[];
}

/**
 * Form 01: receipt and appointment slip, with a QR code and the public lookup. The QR holds the lookup link with the
 * code when the desk has a lookup address (a phone opens it; the return desk's scanner reads the code from it), the
 * code alone when not, and then the slip does not send the citizen to scan it (lookup-link.ts).
 */
export function ReceiptSlip({ header, slip }: { header: FormHeader; slip: ReceiptSlipData }) {
  return (
    <article data-form="01">
      <Heading header={header} formNo="01" />
      <h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
      {/* Floated right (print.css), the QR code takes the side of the lines that follow it, not a band of its own:
          with a full applicant and five papers the band pushed the slip onto a second A5 sheet. */}
      <QrCode text={receiptQrText(slip.code, slip.lookupUrl)} label={`Mã QR của hồ sơ ${slip.code}`} />
      <p>
        Mã hồ sơ: <strong className="mono" data-testid="slip-code">{slip.code}</strong>
      </p>
      <p>
        Mã tra cứu: <strong className="mono">{formatPin(slip.pin)}</strong>
      </p>
      <p>Bộ phận tiếp nhận và trả kết quả {unitInSentence(header.unitName)} đã tiếp nhận hồ sơ của:</p>
      <ApplicantLines applicant={slip.applicant} />
      <p>
        Nội dung yêu cầu giải quyết: <strong>{slip.procedureName}</strong>
      </p>
      <table className="papers">
        <thead>
          <tr>
            <th>TT</th>
            <th>Tên giấy tờ</th>
            <th>Hình thức</th>
            <th>Số bản</th>
          </tr>
        </thead>
        <tbody>
          {slip.components
            .filter((c) => c.present)
            .map((c, i) => (
              <tr key={c.componentId} data-scanned={c.attachmentSha256 !== undefined || undefined}>
                <td>{i + 1}</td>
                <td>
                  {c.name}
                  {c.attachmentSha256 !== undefined && <em> (đã số hoá)</em>}
                </td>
                <td>{componentFormLabels[c.form].vi}</td>
                <td>{c.copies}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <DigitisedLine components={slip.components} />
      {/* Form 01's own lines (TT 01/2018): one dossier is one set; the legal time beside the appointment it gives. */}
      <p>
        Số lượng hồ sơ: <strong>01</strong> (bộ)
      </p>
      {slip.processingTime && (
        <p>
          Thời gian giải quyết hồ sơ theo quy định: <strong data-testid="slip-processing-time">{slip.processingTime}</strong>
        </p>
      )}
      {(slip.supplements ?? []).map((supplement) => (
        <div key={supplement.receivedAt} data-testid="slip-supplement">
          <p>
            Giấy tờ bổ sung đã nhận lúc <strong>{formatVnDateTime(supplement.receivedAt)}</strong> (theo yêu cầu ngày{' '}
            {formatVnDate(supplement.requestedAt)}):
          </p>
          <ul>
            {supplement.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      ))}
      <p>
        Thời gian nhận hồ sơ: <strong>{formatVnDateTime(slip.receivedAt)}</strong>
      </p>
      <p>
        Thời gian trả kết quả: <strong data-testid="slip-due">{formatVnDateTime(slip.dueAt)}</strong>
      </p>
      {/* The volume and the line of the paper logbook (form 06) the clerk enters it in. Neither is the desk's to
          print: the book's volumes are the unit's, and its line numbers count the unit's dossiers of the year in
          order of receipt, which a dossier another desk received offline can still shift; the code's sequence is
          per desk and per day. Dotted, for the pen. */}
      <p data-testid="slip-logbook">
        Vào Sổ theo dõi hồ sơ, Quyển số: {HAND_FILLED} Số thứ tự: {HAND_FILLED}
      </p>
      <Signatures left="NGƯỜI NỘP HỒ SƠ" right="NGƯỜI TIẾP NHẬN HỒ SƠ" rightName={header.clerkName} />
      {slip.lookupUrl ? (
        <p className="lookup">
          Tra cứu tình trạng hồ sơ tại <strong>{slip.lookupUrl}</strong> bằng mã hồ sơ và mã tra cứu <strong>{formatPin(slip.pin)}</strong>,
          hoặc quét mã QR trên phiếu này bằng điện thoại rồi nhập mã tra cứu.
        </p>
      ) : (
        <p className="lookup">
          Khi hỏi về tình trạng hồ sơ, xin cung cấp mã hồ sơ và mã tra cứu <strong>{formatPin(slip.pin)}</strong>.
        </p>
      )}
    </article>
  );
}

/** Whether the papers received were scanned at the desk: all of them is the report's "digitised at receipt". */
function DigitisedLine({ components }: { components: DossierComponent[] }) {
  const brought = components.filter((c) => c.present);
  const scanned = brought.filter((c) => c.attachmentSha256 !== undefined).length;
  if (scanned === 0) return null;
  return (
    <p data-testid="slip-digitised">
      {scanned === brought.length
        ? 'Hồ sơ đã được số hoá khi tiếp nhận.'
        : `Đã số hoá ${scanned}/${brought.length} giấy tờ khi tiếp nhận.`}
    </p>
  );
}

export interface NoticeData {
  code: string | null;
  applicant: Applicant | null;
  procedureName: string;
  items: string[];
  reason: string;
}

/** Form 02: request to supplement or complete the dossier. */
export function SupplementRequestForm({ header, data }: { header: FormHeader; data: NoticeData }) {
  return (
    <article data-form="02">
      <Heading header={header} formNo="02" />
      <h1>PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ</h1>
      {data.code && <p>Mã hồ sơ: <strong className="mono">{data.code}</strong></p>}
      <ApplicantLines applicant={data.applicant} />
      <p>Nội dung yêu cầu giải quyết: <strong>{data.procedureName}</strong></p>
      <p>Sau khi xem xét, hồ sơ cần được bổ sung, hoàn thiện các nội dung sau:</p>
      <ol>
        {data.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ol>
      {data.reason && <p>Lý do: {data.reason}</p>}
      <p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, {addressOf(data.applicant)} liên hệ Bộ phận tiếp nhận và trả kết quả {unitInSentence(header.unitName)} để được hướng dẫn.</p>
      <Signatures left="NGƯỜI NỘP HỒ SƠ" right="NGƯỜI HƯỚNG DẪN" rightName={header.clerkName} />
    </article>
  );
}

/** Form 03: refusal to receive or process the dossier, with the reason. */
export function RefusalForm({ header, data }: { header: FormHeader; data: NoticeData }) {
  return (
    <article data-form="03">
      <Heading header={header} formNo="03" />
      <h1>PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ</h1>
      {data.code && <p>Mã hồ sơ: <strong className="mono">{data.code}</strong></p>}
      <ApplicantLines applicant={data.applicant} />
      <p>Nội dung yêu cầu giải quyết: <strong>{data.procedureName}</strong></p>
      <p>Cơ quan, đơn vị từ chối tiếp nhận, giải quyết hồ sơ với lý do:</p>
      <p><strong>{data.reason}</strong></p>
      {data.items.length > 0 && (
        <>
          {/* Without this line the citizen reads a bare list of papers and cannot tell it is what is missing. */}
          <p>Giấy tờ còn thiếu:</p>
          <ol data-testid="refusal-missing">
            {data.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ol>
        </>
      )}
      <p>Xin thông báo cho {addressOf(data.applicant)} được biết và thực hiện.</p>
      <Signatures left="NGƯỜI NỘP HỒ SƠ" right="NGƯỜI TIẾP NHẬN HỒ SƠ" rightName={header.clerkName} />
    </article>
  );
}

export interface ApologyData {
  code: string;
  applicant: Applicant | null;
  procedureName: string;
  oldDueAt: string | null;
  newDueAt: string;
  reason: string;
}

/** Form 04: apology for the delay and the new appointment (at most once per dossier). */
export function ApologyForm({ header, data }: { header: FormHeader; data: ApologyData }) {
  const you = addressOf(data.applicant);
  return (
    <article data-form="04">
      <Heading header={header} formNo="04" />
      <h1>PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ</h1>
      <p>Mã hồ sơ: <strong className="mono">{data.code}</strong></p>
      <ApplicantLines applicant={data.applicant} />
      <p>Nội dung yêu cầu giải quyết: <strong>{data.procedureName}</strong></p>
      <p>Theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, thời gian trả kết quả là {formatVnDateTime(data.oldDueAt)}.</p>
      <p>Lý do chậm trễ: {data.reason}</p>
      <p>
        Sự chậm trễ này đã gây phiền hà cho {you}. Cơ quan giải quyết xin lỗi {you} và hẹn trả kết quả lại vào:
      </p>
      <p className="new-due">
        <strong>{formatVnDateTime(data.newDueAt)}</strong>
      </p>
      <p>Xin trân trọng cảm ơn.</p>
      {/* TT 01/2018's form 04: the head of the agency signs under its seal, not the clerk who recorded the delay. */}
      <Signatures right="ĐẠI DIỆN CƠ QUAN, ĐƠN VỊ" rightHint="(Ký, ghi rõ họ tên và đóng dấu)" />
    </article>
  );
}

const SIGNATURE_CELL = { height: '11mm', width: '17mm' } as const;

export interface ControlLine {
  at: string;
  from: string;
  to: string;
  note: string;
}

/**
 * The control slip's last step: the result back at the desk (the dossier's resolution, status 9), which the template
 * has the agency in charge hand to the one-stop desk.
 */
export interface ResultBack {
  /** When the result came back: the resolution's time. */
  at: string;
  /** The agency in charge, which hands it back; null where the desk does not know it (left to the pen). */
  from: string | null;
  /** The due the law judges the dossier by: the legal due of a re-appointed dossier, else its appointment. */
  legalDueAt: string | null;
}

/**
 * Form 05: control slip, one line per hand-over of the file. The template has the one who hands the file over and
 * the one who takes it sign each hand-over: two blank cells per line, for the pen. Its "kết quả giải quyết hồ sơ
 * (trước hạn/đúng hạn/quá hạn)" judges each step against that step's own time in the agency's internal procedure,
 * which the desk does not record: the cell stays blank on every hand-over, for the agency to write. Only the last
 * step, the result back at the desk, is judged by the desk: the dossier against its due, as the reports count it.
 */
export function ControlSlipForm({
  header,
  code,
  procedureName,
  dueAt,
  lines,
  resultBack = null,
}: {
  header: FormHeader;
  code: string;
  procedureName: string;
  dueAt: string | null;
  lines: ControlLine[];
  /** Absent or null while the result has not come back (a slip printed to travel with the file). */
  resultBack?: ResultBack | null;
}) {
  const timing = resultBack ? resolutionTiming(resultBack.at, resultBack.legalDueAt) : null;
  // A long route runs onto more sheets (about a dozen hand-overs fill an A5 one): each further sheet says whose it is.
  usePageRunningLine(`Mẫu số 05 · Mã hồ sơ ${code} (tiếp theo)`);
  return (
    <article data-form="05">
      <Heading header={header} formNo="05" />
      <h1>PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ</h1>
      <p>Mã hồ sơ: <strong className="mono">{code}</strong></p>
      <p>Thủ tục: {procedureName}</p>
      <p>Hẹn trả kết quả: {formatVnDateTime(dueAt)}</p>
      <table className="control">
        <thead>
          <tr>
            <th rowSpan={2}>Thời gian</th>
            <th rowSpan={2}>Bên giao</th>
            <th rowSpan={2}>Bên nhận</th>
            <th colSpan={2}>Ký tên</th>
            <th rowSpan={2}>Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)</th>
            <th rowSpan={2}>Ghi chú</th>
          </tr>
          <tr>
            <th>Người giao</th>
            <th>Người nhận</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} className="handover">
              <td>{formatVnDateTime(l.at)}</td>
              <td>{l.from}</td>
              <td>{l.to}</td>
              {/* Tall and wide enough for a signature on A5 (the sheet's stylesheet sizes only text). */}
              <td style={SIGNATURE_CELL} />
              <td style={SIGNATURE_CELL} />
              <td />
              <td>{l.note}</td>
            </tr>
          ))}
          {resultBack && (
            <tr className="result-back">
              <td>{formatVnDateTime(resultBack.at)}</td>
              <td>{resultBack.from ?? ''}</td>
              <td>Bộ phận tiếp nhận và trả kết quả</td>
              <td style={SIGNATURE_CELL} />
              <td style={SIGNATURE_CELL} />
              <td>{timing ? resolutionTimingLabels[timing] : ''}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
    </article>
  );
}

/** What the logbook's note column says of a dossier that ended without a result, or was re-appointed. */
function logbookNote(status: number, reappointedTo: string | null): string {
  const reappointed = reappointedTo ? `Hẹn lại (mẫu 04) đến ${formatVnDateTime(reappointedTo)}` : '';
  if (status === DossierStatus.Withdrawn) return ['Đã rút hồ sơ', reappointed].filter(Boolean).join('; ');
  if (status === DossierStatus.Stopped) return ['Đã dừng xử lý', reappointed].filter(Boolean).join('; ');
  return reappointed;
}

/**
 * A "Ký nhận" cell of the logbook: blank room for the signature first, then, where the desk recorded who took the
 * result, their name under it, as "ký, ghi rõ họ tên" has it. The name alone in the cell left no room to sign.
 */
function SignedForCell({ name }: { name?: string | null }) {
  return (
    <td className="signed-for">
      <div className="sign-space" style={SIGNATURE_CELL} />
      {name && <div className="signer">{name}</div>}
    </td>
  );
}

/**
 * Form 06: the tracking logbook, one month of the year's book (its numbers carry on from the months before). The
 * signature columns are left for the people who hand the file and the result over, as on the paper book.
 */
export function LogbookForm({ header, book }: { header: FormHeader; book: Logbook }) {
  const month = `${String(book.month).padStart(2, '0')}/${book.year}`;
  return (
    <article data-form="06">
      <Heading header={header} formNo="06" />
      <h1>SỔ THEO DÕI HỒ SƠ</h1>
      <p className="logbook-month">
        Tháng {String(book.month).padStart(2, '0')} năm {book.year}
      </p>
      <table className="logbook">
        <thead>
          <tr>
            <th rowSpan={2}>STT</th>
            <th rowSpan={2}>Mã hồ sơ</th>
            <th rowSpan={2}>Tên thủ tục hành chính</th>
            <th rowSpan={2}>Tên cá nhân, tổ chức; địa chỉ, số điện thoại</th>
            <th rowSpan={2}>Cơ quan chủ trì giải quyết</th>
            <th rowSpan={2}>Nhận hồ sơ (giờ, ngày)</th>
            <th rowSpan={2}>Hẹn trả kết quả (giờ, ngày)</th>
            <th colSpan={2}>Chuyển hồ sơ đến cơ quan giải quyết</th>
            <th colSpan={2}>Nhận kết quả từ cơ quan giải quyết</th>
            <th colSpan={2}>Trả kết quả cho cá nhân, tổ chức</th>
            <th rowSpan={2}>Ghi chú</th>
          </tr>
          <tr>
            <th>Ngày</th>
            <th>Ký nhận</th>
            <th>Ngày</th>
            <th>Ký nhận</th>
            <th>Ngày</th>
            <th>Ký nhận</th>
          </tr>
        </thead>
        <tbody>
          {book.entries.map((e) => (
            <tr key={e.dossierId}>
              <td>{e.no}</td>
              <td className="mono">{e.code}</td>
              <td>{e.procedureName}</td>
              <td>
                {e.applicantName}
                {e.applicantAddress && <div>{e.applicantAddress}</div>}
                {e.applicantPhone && <div>{e.applicantPhone}</div>}
              </td>
              <td>{e.agency ?? ''}</td>
              <td>{formatVnDateTime(e.receivedAt)}</td>
              <td>{e.dueAt ? formatVnDateTime(e.dueAt) : ''}</td>
              <td>{e.transferredAt ? formatVnDate(e.transferredAt) : ''}</td>
              <SignedForCell />
              <td>{e.resolvedAt ? formatVnDate(e.resolvedAt) : ''}</td>
              <SignedForCell />
              <td>{e.returnedAt ? formatVnDate(e.returnedAt) : ''}</td>
              <SignedForCell name={e.returnedTo} />
              <td>{logbookNote(e.status, e.reappointedTo)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {book.entries.length === 0 && <p>Không có hồ sơ nào được tiếp nhận trong tháng {month}.</p>}
    </article>
  );
}

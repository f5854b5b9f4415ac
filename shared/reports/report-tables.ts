/**
 * The report laid out as tables, in Vietnamese, the way the district's report form reads: one summary and one
 * table per breakdown. CSV, XLSX and PDF all print these tables, so the three exports cannot disagree.
 */
import { formatPercentVi } from './rates';
import { shownDay, yearsBack } from './period';
import type { Report, ReportCounts, ReportLine, ReportRates } from './report';

export type Cell = string | number | null;

export interface ReportTable {
  id: 'summary' | 'byField' | 'byProcedure' | 'byAgency' | 'byUnit' | 'agencyEvaluation';
  title: string;
  columns: string[];
  /** Which columns hold percentages (printed with two decimals). */
  percentColumns: number[];
  rows: Cell[][];
}

const summaryRows = (c: ReportCounts, r: ReportRates): [string, Cell][] => [
  ['Tổng số hồ sơ trong kỳ', c.inPeriod],
  ['  Kỳ trước chuyển sang', c.carriedOver],
  ['  Mới tiếp nhận', c.received.total],
  ['    Trực tuyến', c.received.online],
  ['    Trực tiếp', c.received.inPerson],
  ['    Qua bưu chính', c.received.postal],
  ['Đã giải quyết', c.resolved.total],
  ['  Trước hạn', c.resolved.early],
  ['  Đúng hạn', c.resolved.onTime],
  ['  Quá hạn', c.resolved.late],
  ['Đang giải quyết', c.inProgress.total],
  ['  Trong hạn', c.inProgress.withinTime],
  ['  Quá hạn', c.inProgress.overdue],
  ['Đã trả kết quả', c.returned],
  ['Rút hồ sơ', c.withdrawn],
  ['Dừng xử lý', c.stopped],
  ['Không được tiếp nhận', c.refused],
  ['Số hoá thành phần hồ sơ khi tiếp nhận', c.digitisedAtReceipt],
  ['Số hoá kết quả giải quyết', c.resultsDigitised],
  ['Tiếp nhận theo mô hình "Thứ Sáu không chờ"', c.fridayNoWait],
  ['Tỷ lệ tiếp nhận trực tuyến (%)', r.onlineRate],
  // The district's annual report gives the in-person share beside the online one (DESIGN §1: 12.9 % of new).
  ['Tỷ lệ tiếp nhận trực tiếp (%)', r.inPersonRate],
  ['Tỷ lệ tiếp nhận qua bưu chính (%)', r.postalRate],
  ['Tỷ lệ giải quyết trước và đúng hạn (%)', r.onTimeRate],
  ['Tỷ lệ giải quyết quá hạn (%)', r.lateRate],
  ['Tỷ lệ số hoá hồ sơ khi tiếp nhận (%)', r.digitisedAtReceiptRate],
  ['Tỷ lệ số hoá kết quả (%)', r.resultsDigitisedRate],
  ['Tỷ lệ "Thứ Sáu không chờ" (%)', r.fridayNoWaitShare],
];

const FIRST_RATE_ROW = 20;
/** The year-earlier column when that period has no dossier (the screen's "không có số liệu cùng kỳ"). */
export const NO_PREVIOUS = 'không có số liệu';

function summaryTable(report: Report): ReportTable {
  const now = summaryRows(report.counts, report.rates);
  const before = summaryRows(report.yearOnYear.previous.counts, report.yearOnYear.previous.rates);
  // A year earlier where every count is nought is a period the desk has no figures for (it was not yet in use), as
  // the Reports screen says: not zeros, which an official report would print as growth from nothing. One refusal
  // or one result handed back then (neither is in "in period") is a figure.
  const noPrevious = before.slice(0, FIRST_RATE_ROW).every(([, v]) => v === 0 || v === null);
  const rows = now.map(([label, value], i): Cell[] => {
    if (noPrevious) return [label, value, NO_PREVIOUS, null];
    const previous = before[i]![1];
    let change: Cell = null;
    if (typeof value === 'number' && typeof previous === 'number') {
      change = i >= FIRST_RATE_ROW ? (Math.round(value * 100) - Math.round(previous * 100)) / 100 : value - previous;
    }
    return [label, value, previous, change];
  });
  return {
    id: 'summary',
    title: `Tổng hợp kết quả giải quyết hồ sơ từ ${shownDay(report.period.from)} đến ${shownDay(report.period.to)}`,
    columns: ['Chỉ tiêu', 'Kỳ này', `${sameSpanBefore(report)} (${shownDay(report.yearOnYear.previousPeriod.from)} – ${shownDay(report.yearOnYear.previousPeriod.to)})`, 'Tăng/giảm (số / điểm %)'],
    percentColumns: [],
    rows,
  };
}

/**
 * A refusal (form 03) is of a dossier never received: beside the row, not in its "Tổng số", and the heading says so,
 * or an officer adding the row across counts it twice over.
 */
export const REFUSED_OUTSIDE_TOTAL = 'Không được tiếp nhận (ngoài tổng số)';

/**
 * A result handed back in the period is of a dossier counted under "Đã giải quyết" when it was resolved, in this
 * period or an earlier one: beside the row as well, headed so for the same reason.
 */
export const RETURNED_OUTSIDE_TOTAL = 'Đã trả kết quả (ngoài tổng số)';

/**
 * A breakdown row reconciles across, as the summary's figures do: every dossier of "Tổng số" (carried over + newly
 * received) ends in exactly one of resolved, in progress within time or overdue, withdrawn or stopped (docs/reports.md),
 * so those five columns add up to it. Withdrawn and stopped get columns of their own, named as the portal's statuses
 * 7 and 8 (and the summary's rows): the template's split into "Đã giải quyết" and "Đang giải quyết" has no place for
 * them, and without them a row with a withdrawal or a stop did not add up.
 */
const lineColumns = [
  'Tổng số',
  'Kỳ trước chuyển sang',
  'Mới tiếp nhận',
  'Trực tuyến',
  'Trực tiếp',
  'Bưu chính',
  'Đã giải quyết',
  'Trước hạn',
  'Đúng hạn',
  'Quá hạn',
  'Đang giải quyết trong hạn',
  'Đang giải quyết quá hạn',
  'Rút hồ sơ',
  'Dừng xử lý',
  RETURNED_OUTSIDE_TOTAL,
  REFUSED_OUTSIDE_TOTAL,
  'Tỷ lệ đúng hạn (%)',
  'Tỷ lệ trực tuyến (%)',
];

const lineCells = (l: ReportLine): Cell[] => [
  l.counts.inPeriod,
  l.counts.carriedOver,
  l.counts.received.total,
  l.counts.received.online,
  l.counts.received.inPerson,
  l.counts.received.postal,
  l.counts.resolved.total,
  l.counts.resolved.early,
  l.counts.resolved.onTime,
  l.counts.resolved.late,
  l.counts.inProgress.withinTime,
  l.counts.inProgress.overdue,
  l.counts.withdrawn,
  l.counts.stopped,
  l.counts.returned,
  l.counts.refused,
  l.rates.onTimeRate,
  l.rates.onlineRate,
];

function breakdown(id: ReportTable['id'], title: string, head: string[], lines: { head: Cell[]; line: ReportLine }[]): ReportTable {
  const columns = [...head, ...lineColumns];
  return {
    id,
    title,
    columns,
    percentColumns: [columns.length - 2, columns.length - 1],
    rows: lines.map(({ head: h, line }) => [...h, ...lineCells(line)]),
  };
}

export function reportTables(report: Report): ReportTable[] {
  return [
    summaryTable(report),
    breakdown('byField', 'Theo lĩnh vực', ['Lĩnh vực'], report.byField.map((l) => ({ head: [l.label], line: l }))),
    breakdown('byProcedure', 'Theo thủ tục hành chính', ['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực'], report.byProcedure.map((l) => ({ head: [l.key, l.label, l.field], line: l }))),
    breakdown('byAgency', 'Theo cơ quan giải quyết', ['Cơ quan'], report.byAgency.map((l) => ({ head: [l.label], line: l }))),
    breakdown('byUnit', 'Theo đơn vị (gồm đơn vị trực thuộc)', ['Mã đơn vị', 'Tên đơn vị'], report.byUnit.map((l) => ({ head: [l.key, l.label], line: l }))),
    {
      id: 'agencyEvaluation',
      title: `Đánh giá cơ quan giải quyết — tỷ lệ xếp loại Xuất sắc: ${formatPercentVi(report.agencyEvaluation.excellentShare)}`,
      columns: ['Cơ quan', 'Đã giải quyết', 'Trước và đúng hạn', 'Quá hạn', 'Tỷ lệ đúng hạn (%)', 'Xếp loại'],
      percentColumns: [4],
      rows: report.agencyEvaluation.agencies.map((a) => [a.agency, a.resolved, a.onTime, a.late, a.onTimeRate, a.bandLabel.vi]),
    },
  ];
}

/** Rows of the summary table that hold percentages (for number formats). */
export const summaryPercentRows = (table: ReportTable): number[] =>
  table.id === 'summary' ? table.rows.map((_, i) => i).filter((i) => i >= FIRST_RATE_ROW) : [];

/** The line under the PDF's heading: the day the figures were judged on (dd/mm/yyyy), and how rates are cut. */
export function reportFootnote(report: Report): string {
  return `Số liệu tính đến ngày ${shownDay(report.judgedOn)}. Tỷ lệ phần trăm lấy hai chữ số thập phân, không làm tròn.`;
}

/** The heading line every export starts with. */
export function reportHeading(report: Report): string {
  // "and the units under it" only when the report does cover some: a commune's, or a district desk's (which holds
  // none of its communes' dossiers), is of the unit alone. A district desk's report of one commune holds only what
  // the commune transferred to it, and says so.
  const under =
    report.unitCodes.length <= 1
      ? report.subUnitsOnlyAsTransferred
        ? ', chỉ gồm hồ sơ đơn vị đã chuyển đến quầy'
        : ''
      : report.subUnitsOnlyAsTransferred
        ? ' và hồ sơ các đơn vị trực thuộc đã chuyển đến quầy'
        : ' và các đơn vị trực thuộc';
  const where = report.unit ? `${report.unit.name} (${report.unit.code})${under}` : 'Tất cả đơn vị';
  return `Báo cáo kết quả giải quyết thủ tục hành chính — ${where} — từ ${shownDay(report.period.from)} đến ${shownDay(report.period.to)}`;
}

/** "Cùng kỳ năm trước", or "Cùng kỳ 5 năm trước" for a period over a year (compared as many years back as it spans). */
function sameSpanBefore(report: Report): string {
  const years = yearsBack(report.period, report.yearOnYear.previousPeriod);
  return years > 1 ? `Cùng kỳ ${years} năm trước` : 'Cùng kỳ năm trước';
}

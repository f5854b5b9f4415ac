/** Report exports: JSON and CSV are plain text (shared/reports); XLSX and PDF are written here, in Node. */
import { reportToCsv } from '../../../../shared/reports/csv';
import type { Report } from '../../../../shared/reports/report';
import { reportToPdf } from './pdf';
import { reportToXlsx } from './xlsx';

export const reportFormats = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export async function exportReport(report: Report, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8');
    case 'csv':
      return Buffer.from(reportToCsv(report), 'utf8');
    case 'xlsx':
      return reportToXlsx(report);
    case 'pdf':
      return reportToPdf(report);
  }
}

export { reportToPdf, reportToXlsx };

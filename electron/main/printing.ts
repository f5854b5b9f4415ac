/**
 * Printing the forms (01–06 are A5, DESIGN.md §3): the system print dialog, and "save as PDF" through Chromium's
 * own PDF printer so the file matches the paper. The page's CSS `@page` rule wins when it states a size.
 */
import type { WebContents } from 'electron';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import { vnDateKey } from '../../shared/calendar/vn-time';

export type PrintableContents = Pick<WebContents, 'print' | 'printToPDF'>;

export function printPage(contents: Pick<WebContents, 'print'>): Promise<Result<{ printed: boolean }>> {
  return new Promise((resolve) => {
    contents.print({ silent: false, printBackground: true, pageSize: 'A5' }, (success, failureReason) => {
      if (success) return resolve(ok({ printed: true }));
      // The clerk closing the dialog is not an error.
      if (failureReason === 'cancelled') return resolve(ok({ printed: false }));
      resolve(
        fail(
          'print_failed',
          'Không in được. Hãy kiểm tra máy in (đã bật, còn giấy, đã chọn đúng máy in) rồi thử lại.',
          'Printing failed. Check the printer (switched on, has paper, the right one selected) and try again.',
        ),
      );
    });
  });
}

export interface PdfDeps {
  /** Asks the clerk where to save; null when they cancel. */
  askSavePath(defaultName: string): Promise<string | null>;
  writeFile(file: string, data: Uint8Array): Promise<void>;
  now(): Date;
}

export async function savePageAsPdf(
  contents: Pick<WebContents, 'printToPDF'>,
  deps: PdfDeps,
): Promise<Result<{ file: string | null }>> {
  const file = await deps.askSavePath(`motcua-${vnDateKey(deps.now())}.pdf`);
  if (file === null) return ok({ file: null });
  try {
    const pdf = await contents.printToPDF({ pageSize: 'A5', printBackground: true, preferCSSPageSize: true });
    await deps.writeFile(file, pdf);
    return ok({ file });
  } catch {
    return fail(
      'pdf_failed',
      'Không lưu được tệp PDF. Hãy chọn thư mục khác (ví dụ Tài liệu) hoặc kiểm tra dung lượng ổ đĩa.',
      'Could not save the PDF. Choose another folder (Documents, say) or check the free disk space.',
    );
  }
}

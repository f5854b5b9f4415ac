/**
 * Column widths for a report table in the PDF, from what the columns hold. Equal shares squeezed a procedure's name
 * into a column narrower than its code (one word a line, rows a page tall) and cut headers mid-word ("c / huyển");
 * instead each column gets at least its longest word (a figure or a rate, whole), and the room left goes to the
 * columns whose text would still wrap — the names — in proportion to what they lack.
 */

/** The width of `text` on one line, in points, in the table's bold (headers) or regular (cells) font. */
export type MeasureText = (text: string, bold: boolean) => number;

/** Room around the text inside a cell (2 pt each side), plus a hair so a word that fits exactly is not wrapped. */
export const CELL_PADDING = 4;
const SLACK = 0.5;

const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');

/**
 * `header` and `cells` are the texts as printed (rows of strings); `numeric[i]` marks a column of figures, which is
 * never wrapped. Returns one width per column, adding up to `total`.
 */
export function pdfColumnWidths(
  header: readonly string[],
  cells: readonly (readonly string[])[],
  numeric: readonly boolean[],
  total: number,
  measure: MeasureText,
): number[] {
  const fit = (text: string, bold: boolean) => measure(text, bold) + CELL_PADDING + SLACK;
  const least = header.map((h, i) => {
    const headWords = words(h).map((w) => fit(w, true));
    const cellParts = cells.flatMap((row) => (numeric[i] ? [row[i] ?? ''] : words(row[i] ?? '')));
    return Math.max(CELL_PADDING, ...headWords, ...cellParts.map((c) => fit(c, false)));
  });
  const wanted = header.map((h, i) =>
    Math.max(least[i]!, fit(h, true), ...cells.map((row) => fit(row[i] ?? '', false))),
  );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  // Everything fits on one line: share the page in proportion to what each column holds.
  if (sum(wanted) <= total) return wanted.map((w) => (w * total) / sum(wanted));
  // Not even the longest words fit: shrink all alike (words will break, as little as can be).
  const room = total - sum(least);
  if (room <= 0) return least.map((w) => (w * total) / sum(least));
  const lacking = wanted.map((w, i) => w - least[i]!);
  return least.map((w, i) => w + (room * lacking[i]!) / sum(lacking));
}

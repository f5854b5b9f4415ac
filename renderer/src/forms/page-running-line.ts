/**
 * A line at the top of every printed sheet after the first, in the page's margin (a CSS page margin box). A form
 * that runs onto more sheets names itself and its dossier there, so a sheet that comes loose from the file still
 * says whose it is. The rule is added as a constructed stylesheet while the form is shown: the page's
 * Content-Security-Policy (style-src 'self') rightly refuses an inline <style>, and a margin box's text cannot come
 * from the document.
 */
import { useEffect } from 'react';

/** The @page rules for `text`, as a CSS string: quotes and backslashes escaped, line breaks made spaces. */
export function runningLineCss(text: string): string {
  const quoted = text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  return (
    `@media print { @page { @top-right { content: "${quoted}"; font: italic 8pt 'Be Vietnam Pro', 'Times New Roman', serif; } } ` +
    '@page :first { @top-right { content: none; } } }'
  );
}

export function usePageRunningLine(text: string): void {
  useEffect(() => {
    // Not every renderer test's DOM has constructed stylesheets; there is no paper there either.
    if (typeof document.adoptedStyleSheets === 'undefined' || typeof CSSStyleSheet.prototype.replaceSync !== 'function') return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(runningLineCss(text));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [text]);
}

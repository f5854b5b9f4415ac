/** The few plain pages the loopback host writes itself, in Vietnamese first and English below. */

const page = (titleVi: string, bodyVi: string, bodyEn: string): string => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>MotCua Desk — ${titleVi}</title></head>
<body>
<h1>${titleVi}</h1><p>${bodyVi}</p><p lang="en">${bodyEn}</p></body></html>
`;

export const uiNotBuiltPage = (staticDir: string | null): string =>
  page(
    'Giao diện chưa được xây dựng',
    `Bàn làm việc đang chạy nhưng chưa có giao diện${staticDir ? ` trong thư mục <code>${escapeHtml(staticDir)}</code>` : ''}. Hãy xây dựng giao diện (renderer, bằng Vite) rồi mở lại địa chỉ này.`,
    `The desk is running but its UI has not been built${staticDir ? ` into <code>${escapeHtml(staticDir)}</code>` : ''}. Build the renderer (Vite) and open this address again.`,
  );

export const needsLaunchLinkPage = (): string =>
  page(
    'Cần mở bằng địa chỉ có mã phiên',
    'Trang này chỉ mở được bằng địa chỉ đầy đủ mà lệnh <code>motcua desk</code> đã in ra (địa chỉ có <code>/launch/…</code>). Hãy sao chép đúng địa chỉ đó.',
    'This page opens only through the full address printed by <code>motcua desk</code> (the one with <code>/launch/…</code>). Copy that exact address.',
  );

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

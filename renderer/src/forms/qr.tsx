/** A QR code image (the `qrcode` package) of the receipt's code or lookup link (shared/domain/lookup-link.ts). */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function QrCode({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // A PNG data URL: allowed by the CSP (img-src data:) and embedded as an image in a saved PDF.
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, scale: 6 })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img className="qr" src={src} alt={label} data-qr-text={text} /> : <span className="qr" aria-busy="true" />;
}

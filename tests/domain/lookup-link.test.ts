/**
 * The receipt's QR code: a link a phone can open when the desk has a public lookup address, the code alone when
 * not, and either read back as the dossier code by the return desk's scanner.
 */
import { describe, expect, it } from 'vitest';
import { dossierCodeOfScan, receiptQrText } from '../../shared/domain/lookup-link';

const CODE = '000.00.06.H56-261124-1001';

describe('the receipt QR code', () => {
  it('holds the lookup page with the code filled in, keeping what the address already asks', () => {
    expect(receiptQrText(CODE, 'https://dichvucong.haiduong.gov.vn/tra-cuu')).toBe(`https://dichvucong.haiduong.gov.vn/tra-cuu?ma=${CODE}`);
    expect(receiptQrText(CODE, 'https://dvc.example.vn/tra-cuu?tinh=30')).toBe(`https://dvc.example.vn/tra-cuu?tinh=30&ma=${CODE}`);
  });

  it('holds the code alone without a lookup address', () => {
    expect(receiptQrText(CODE, null)).toBe(CODE);
  });

  it('reads back as the dossier code from either form, whatever the case', () => {
    expect(dossierCodeOfScan(CODE)).toBe(CODE);
    expect(dossierCodeOfScan(CODE.toLowerCase())).toBe(CODE);
    expect(dossierCodeOfScan(receiptQrText(CODE, 'https://dvc.example.vn/tra-cuu?tinh=30'))).toBe(CODE);
    expect(dossierCodeOfScan(`HTTPS://DVC.EXAMPLE.VN/TRA-CUU?MA=${CODE}`)).toBe(CODE);
  });

  it('reads nothing from a link or text without a valid code', () => {
    expect(dossierCodeOfScan('https://dvc.example.vn/tra-cuu')).toBeNull();
    expect(dossierCodeOfScan('https://dvc.example.vn/tra-cuu?ma=12345')).toBeNull();
    expect(dossierCodeOfScan('8934567890123')).toBeNull();
    expect(dossierCodeOfScan(`javascript:alert(1)//?ma=${CODE}`)).toBeNull();
  });
});

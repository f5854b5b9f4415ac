/**
 * The papers the reception hands the citizen, and what goes on each: the receipt slip (form 01) for a dossier
 * received, the supplement request (form 02) for guidance, the refusal (form 03) for a dossier refused.
 */
import type { Receipt } from '../../../../shared/api/dossier-views';
import type { DocumentComponent, Procedure } from '../../../../shared/domain/procedure';
import { PrintPreview } from '../../forms/print-preview';
import { ReceiptSlip, RefusalForm, SupplementRequestForm, type FormHeader, type NoticeData, type ReceiptSlipData } from '../../forms/forms';
import { processingTimeText } from '../../format/processing-time';
import { useTranslation } from '../../i18n';
import { applicantInput, dossierComponents, storedApplicant, type ReceptionDraft } from './model';

export type Printed = { kind: '01'; slip: ReceiptSlipData } | { kind: '02' | '03'; notice: NoticeData };

/** Form 01 for a reception just recorded; `linked`: the papers whose scans the dossier took, the only ones it shows. */
export function receiptSlipOf(receipt: Receipt, procedure: Procedure, draft: ReceptionDraft, linked: ReadonlySet<string>, lookupUrl: string | null): ReceiptSlipData {
  const components = dossierComponents(procedure, draft).map((c) => {
    if (c.attachmentSha256 === undefined || linked.has(c.componentId)) return c;
    const { attachmentSha256: _notLinked, ...rest } = c;
    return rest;
  });
  return {
    code: receipt.code,
    pin: receipt.pin,
    // As the desk stored it, read with the desk's own schema, as every reprint shows it (a phone typed
    // "+84 912 345 678" is kept as "0912345678"); not read back, which would count as a view in the audit trail.
    applicant: storedApplicant(draft.applicant) ?? applicantInput(draft.applicant),
    procedureName: procedure.name,
    processingTime: processingTimeText(procedure, 'vi'),
    components,
    receivedAt: receipt.receivedAt,
    dueAt: receipt.dueAt,
    lookupUrl,
  };
}

/** Form 02 or 03 for an incomplete dossier: the papers missing, and the clerk's note. */
export const noticeOf = (draft: ReceptionDraft, procedure: Procedure, missing: readonly DocumentComponent[]): NoticeData => ({
  code: null,
  // As the desk stores it (form 03 is recorded), as the slip does; null while a field is marked wrong.
  applicant: storedApplicant(draft.applicant),
  procedureName: procedure.name,
  items: missing.map((c) => c.name),
  reason: draft.note.trim(),
});

interface Props {
  printed: Printed;
  header: FormHeader;
  onClose: () => void;
}

export function ReceptionPrint({ printed, header, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <PrintPreview title={printed.kind === '01' ? t('detail.printSlip') : t('detail.printForm', { form: printed.kind })} onClose={onClose}>
      {printed.kind === '01' && <ReceiptSlip header={header} slip={printed.slip} />}
      {printed.kind === '02' && <SupplementRequestForm header={header} data={printed.notice} />}
      {printed.kind === '03' && <RefusalForm header={header} data={printed.notice} />}
    </PrintPreview>
  );
}

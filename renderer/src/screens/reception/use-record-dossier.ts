/**
 * The dossier recorded at the desk, once the screen has checked the form: received (F2), with the scans picked for
 * its papers linked and the receipt slip (form 01) printed, or refused (form 03, recorded and printed). Either way
 * the form then makes way for the next citizen (`recorded`).
 */
import { useState } from 'react';
import type { Receipt } from '../../../../shared/api/dossier-views';
import type { AppError } from '../../../../shared/result';
import type { DocumentComponent, Procedure } from '../../../../shared/domain/procedure';
import type { useDeskAction } from '../../components/use-desk-call';
import { useDesk } from '../../desk-context';
import { linkScans } from './link-scans';
import { receptionError, type I18n } from './reception-messages';
import { noticeOf, receiptSlipOf, type Printed } from './ReceptionPrint';
import type { Done } from './ReceptionDone';
import { applicantInput, dossierComponents, scansNotLinked, scansToLink, type ComponentDraft, type ReceptionDraft } from './model';

interface Options {
  draft: ReceptionDraft;
  /** The screen's desk action: its error is said on the fields it names, or apart. */
  run: ReturnType<typeof useDeskAction>['run'];
  i18n: I18n;
  lookupUrl: string | null;
  focusProblem: () => void;
  print: (printed: Printed) => void;
  setScanError: (error: AppError | null) => void;
  /** The form recorded: emptied for the next citizen, with `freeScans` (taken by no dossier) given back, and `done` said. */
  recorded: (form: ReceptionDraft, freeScans: ComponentDraft[], done: Done) => void;
}

export function useRecordDossier({ draft, run, i18n, lookupUrl, focusProblem, print, setScanError, recorded }: Options) {
  const { call } = useDesk();
  const [linking, setLinking] = useState(false);

  const receive = async (procedure: Procedure) => {
    const result = await run('dossiers.receive', {
      // The form's id, the same on every retry: a reception recorded whose answer was lost is answered again.
      requestId: draft.id,
      procedureCode: procedure.code,
      channel: draft.channel,
      applicant: applicantInput(draft.applicant),
      components: dossierComponents(procedure, draft).map((c) => ({ componentId: c.componentId, present: c.present, copies: c.copies })),
    });
    if (!result.ok) return focusProblem();
    const receipt: Receipt = result.value;
    // Until the scans are linked and the form is reset, a second F2 must not receive the same citizen twice.
    setLinking(true);
    let linked: Set<string>;
    try {
      const links = await linkScans(call, receipt, scansToLink(procedure, draft));
      setScanError(links.failed.length > 0 ? receptionError(i18n, 'scan_not_linked', 'scanLinkFailed', { code: receipt.code, names: links.failed.join(', ') }) : null);
      linked = links.linked;
    } finally {
      setLinking(false);
    }
    print({ kind: '01', slip: receiptSlipOf(receipt, procedure, draft, linked, lookupUrl) });
    // The scans of papers left unticked (and of any whose link failed) belong to no dossier: back to the scan folder,
    // after the links, as when the clerk takes a scan off its paper. Not waited for: the slip is for the citizen.
    recorded(draft, scansNotLinked(draft, linked), { kind: 'saved', code: receipt.code });
  };

  const refuse = async (procedure: Procedure, missing: readonly DocumentComponent[]) => {
    const result = await run('dossiers.refuse', {
      // The form's id, as for the reception: a refusal whose answer was lost is not recorded twice on a retry.
      requestId: draft.id,
      procedureCode: procedure.code,
      channel: draft.channel,
      applicant: applicantInput(draft.applicant),
      reason: draft.note.trim(),
      ...(missing.length > 0 ? { missingItems: missing.map((c) => c.name) } : {}),
    });
    if (!result.ok) return focusProblem();
    // The citizen takes the papers away, and form 03 records only what was missing: a refusal made at the desk has no
    // papers a scan could be linked to, and keeping their ID scans would keep personal data for no dossier. Back to
    // the scan folder, where the clerk picks them again when the citizen returns, or deletes them. Asked once the
    // form is emptied, so the form on screen no longer names them.
    print({ kind: '03', notice: noticeOf(draft, procedure, missing) });
    recorded(draft, scansNotLinked(draft), { kind: 'refused' });
  };

  return {
    /** The scans of a dossier just received are being linked: the form is still the one it was made from. */
    linking,
    receive,
    refuse,
  };
}

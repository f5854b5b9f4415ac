/**
 * A portal submission under a reference the server already holds: the portal retrying (answered with the dossier
 * already made), or something else under the same key (refused). "The same" is judged on the content as the server
 * stores it, after the submission schema has normalised it (trimmed, NFC, the phone's national form) and in the
 * stored event's key order, so a retry whose JSON is written another way is still a retry. Only field names ever
 * leave this file: the values are a citizen's personal data, in the stored dossier and in the new request alike.
 */
import { stableJson, type SubmittedOnlinePayload } from '../../shared/domain';
import type { SyncTx } from '../storage/contract';
import { HttpProblem } from '../http-problem';

/** What makes a dossier the one it is: a difference here means the reference was used for another dossier. */
const IDENTITY = new Set(['unitCode', 'procedureCode']);

/** The fields of the submitted payload that differ from the stored one, identity first, then by name. */
export async function howResubmissionDiffers(
  tx: SyncTx,
  dossierId: string,
  payload: SubmittedOnlinePayload,
): Promise<string[]> {
  // The dossier's unit is the registry's (the unit whose desks it was sent to), not only what the event says.
  const unitDiffers = (await tx.dossier(dossierId))?.unitCode !== payload.unitCode;
  // The dossier's first event is the submission that made it, as stored (or as the import wrote it).
  const stored = ((await tx.firstEvent(dossierId))?.payload ?? {}) as Record<string, unknown>;
  const content = differingFields(stored, { ...payload }).filter((field) => field !== 'unitCode');
  return [
    ...(unitDiffers ? ['unitCode'] : []),
    ...content.filter((f) => IDENTITY.has(f)),
    ...content.filter((f) => !IDENTITY.has(f)),
  ];
}

function differingFields(stored: Record<string, unknown>, submitted: Record<string, unknown>): string[] {
  const differs: string[] = [];
  for (const key of unionOfKeys(stored, submitted)) {
    const [was, now] = [stored[key], submitted[key]];
    if (key === 'applicant' && isRecord(was) && isRecord(now)) {
      // Named field by field: the portal learns which correction was not taken (name, ID number, …).
      for (const field of unionOfKeys(was, now)) {
        if (stableJson(was[field]) !== stableJson(now[field])) differs.push(`applicant.${field}`);
      }
    } else if (key === 'components' && Array.isArray(was) && Array.isArray(now)) {
      // The same papers listed in another order are the same submission.
      if (stableJson(byComponent(was)) !== stableJson(byComponent(now))) differs.push(key);
    } else if (key === 'submittedAt' && typeof was === 'string' && typeof now === 'string') {
      // One instant written with or without milliseconds is the same submission time.
      if (Date.parse(was) !== Date.parse(now)) differs.push(key);
    } else if (stableJson(was) !== stableJson(now)) {
      differs.push(key);
    }
  }
  return differs;
}

const byComponent = (list: unknown[]): unknown[] =>
  list.map((c) => [isRecord(c) ? String(c.componentId) : '', stableJson(c)] as const).sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y)).map(([, json]) => json);
const unionOfKeys = (a: object, b: object): string[] => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const LABELS: Record<string, { vi: string; en: string }> = {
  unitCode: { vi: 'đơn vị', en: 'unit' },
  procedureCode: { vi: 'thủ tục', en: 'procedure' },
  'applicant.kind': { vi: 'loại người nộp (cá nhân, tổ chức)', en: 'the kind of applicant (person, organisation)' },
  'applicant.name': { vi: 'tên người nộp', en: "the applicant's name" },
  'applicant.idNumber': { vi: 'số giấy tờ (căn cước, mã số thuế)', en: 'the ID number (citizen ID, tax code)' },
  'applicant.phone': { vi: 'số điện thoại', en: 'the phone number' },
  'applicant.address': { vi: 'địa chỉ', en: 'the address' },
  'applicant.email': { vi: 'thư điện tử', en: 'the e-mail address' },
  components: { vi: 'thành phần hồ sơ', en: 'the documents' },
  submittedAt: { vi: 'thời điểm nộp', en: 'the time of submission' },
};
const label = (field: string) => LABELS[field] ?? { vi: field, en: field };

/** Names what differs, never the stored dossier's values nor the new ones. */
export function resubmissionConflict(portalRef: string, differs: readonly string[]): HttpProblem {
  const identity = differs.filter((f) => IDENTITY.has(f));
  if (identity.length > 0) {
    const vi = identity.map((f) => label(f).vi).join(' và ');
    const en = identity.map((f) => label(f).en).join(' and ');
    return new HttpProblem(
      409,
      'portal_ref_conflict',
      `Mã tham chiếu ${portalRef} của cổng đã được dùng cho một hồ sơ khác ${vi} với lần nộp này. Không có gì được lưu; hãy kiểm tra lại mã tham chiếu.`,
      `The portal reference ${portalRef} already belongs to a dossier with a different ${en} from this submission. Nothing was stored; check the reference.`,
      { differs },
    );
  }
  // The same dossier with other content: most likely a correction, which a resubmission cannot make.
  const vi = differs.map((f) => label(f).vi).join(', ');
  const en = differs.map((f) => label(f).en).join(', ');
  return new HttpProblem(
    409,
    'portal_ref_conflict',
    `Mã tham chiếu ${portalRef} của cổng đã được dùng cho một hồ sơ đã nộp; lần nộp này khác hồ sơ đó ở: ${vi}. Không có gì được lưu và hồ sơ đã nộp giữ nguyên: nộp lại không sửa được hồ sơ. Hãy kiểm tra lại mã tham chiếu; muốn sửa hồ sơ đã nộp, hãy liên hệ bộ phận một cửa của đơn vị.`,
    `The portal reference ${portalRef} already belongs to a submitted dossier; this submission differs from it in: ${en}. Nothing was stored and the submitted dossier is unchanged: submitting again does not correct a dossier. Check the reference; to correct the submitted dossier, contact the unit's one-stop desk.`,
    { differs },
  );
}

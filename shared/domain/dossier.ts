/**
 * Dossier statuses (the national public-service portal's codes 1–10), channels and the parts of a dossier that
 * events carry. The lifecycle rules are in lifecycle.ts.
 */
import { z } from 'zod';
import type { LocalizedText } from '../result';
import { componentFormSchema } from './procedure';
import { sha256Schema } from './time';
import { msg } from './messages';
import { normaliseNfc } from '../text/fold';

export { applicantSchema, cccdSchema, taxCodeSchema, phoneSchema, type Applicant } from './applicant';

export const DossierStatus = {
  SubmittedOnline: 1,
  Received: 2,
  NotReceived: 3,
  Processing: 4,
  SupplementRequested: 5,
  FeesRequested: 6,
  Withdrawn: 7,
  Stopped: 8,
  Resolved: 9,
  Returned: 10,
} as const;
export type DossierStatus = (typeof DossierStatus)[keyof typeof DossierStatus];

export const dossierStatuses = Object.values(DossierStatus) as DossierStatus[];

export const dossierStatusSchema = z.literal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], msg('status.value'));

const labels: Record<DossierStatus, LocalizedText> = {
  1: { vi: 'Mới đăng ký', en: 'Submitted online' },
  2: { vi: 'Được tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Not received' },
  4: { vi: 'Đang xử lý', en: 'Processing' },
  5: { vi: 'Yêu cầu bổ sung', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Fees or taxes requested' },
  7: { vi: 'Rút hồ sơ', en: 'Withdrawn' },
  8: { vi: 'Dừng xử lý', en: 'Stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Resolved' },
  10: { vi: 'Đã trả kết quả', en: 'Returned' },
};

export const statusLabel = (status: DossierStatus): LocalizedText => labels[status];

/** Statuses after which a dossier accepts nothing but attachment links. */
export const terminalStatuses: readonly DossierStatus[] = [
  DossierStatus.NotReceived,
  DossierStatus.Withdrawn,
  DossierStatus.Stopped,
  DossierStatus.Returned,
];
export const isTerminalStatus = (status: DossierStatus): boolean => terminalStatuses.includes(status);

export const channels = ['online', 'in_person', 'postal'] as const;
export const channelSchema = z.enum(channels);
export type Channel = z.infer<typeof channelSchema>;

/** One required paper as checked at the desk: brought or not, and the hash of its scan once digitised. */
export const dossierComponentSchema = z.object({
  componentId: z.string().trim().min(1, msg('required')),
  name: z.string().trim().min(1, msg('required')).transform(normaliseNfc),
  form: componentFormSchema,
  copies: z.number().int().nonnegative(),
  present: z.boolean(),
  attachmentSha256: sha256Schema.optional(),
});
export type DossierComponent = z.infer<typeof dossierComponentSchema>;

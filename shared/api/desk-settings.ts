/** The desk's settings as the renderer reads and writes them; the desk stores one row per key. */
import { z } from 'zod';

export const deskSettingsSchema = z.object({
  /** The folder the scanner saves into; the desk lists new files there for the clerk to attach. */
  scanInboxDir: z.string().trim().min(1).max(1000).nullable(),
  /** Take the automatic daily backup (kept 14 days). */
  dailyBackup: z.boolean(),
  /** "Due soon" means due within this many working hours. */
  dueSoonWorkingHours: z.number().int().min(1).max(80),
  /** The public status-lookup address printed on receipts. */
  publicLookupUrl: z.url({ protocol: /^https?$/ }).max(300).nullable(),
  language: z.enum(['vi', 'en']),
});
export type DeskSettings = z.infer<typeof deskSettingsSchema>;

export const defaultDeskSettings: DeskSettings = {
  scanInboxDir: null,
  dailyBackup: true,
  dueSoonWorkingHours: 8,
  publicLookupUrl: null,
  language: 'vi',
};

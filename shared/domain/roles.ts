import { z } from 'zod';

/** Who a local user is at the desk; decides which lifecycle transitions they may make (see lifecycle.ts). */
export const roles = ['clerk', 'supervisor', 'administrator'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, { vi: string; en: string }> = {
  clerk: { vi: 'Cán bộ tiếp nhận', en: 'Clerk' },
  supervisor: { vi: 'Lãnh đạo bộ phận', en: 'Supervisor' },
  administrator: { vi: 'Quản trị hệ thống', en: 'Administrator' },
};

/** Ranks for "at least this role": an administrator may do what a supervisor may, a supervisor what a clerk may. */
const rank: Record<Role, number> = { clerk: 1, supervisor: 2, administrator: 3 };
export const roleAtLeast = (role: Role, minimum: Role): boolean => rank[role] >= rank[minimum];

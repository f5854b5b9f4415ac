/** A procedure's legal processing time as the clerk and the receipt (form 01) say it. */
import type { Procedure } from '../../../shared/domain/procedure';

/** "5 ngày làm việc" / "5 working days". */
export function processingTimeText(procedure: Procedure, language: 'vi' | 'en'): string {
  const t = procedure.processingTime;
  if (t.kind === 'days') return language === 'vi' ? `${t.days} ngày làm việc` : `${t.days} working day${t.days === 1 ? '' : 's'}`;
  if (t.kind === 'hours') return language === 'vi' ? `${t.hours} giờ làm việc` : `${t.hours} working hour${t.hours === 1 ? '' : 's'}`;
  return language === 'vi' ? 'Trong ngày' : 'Same day';
}

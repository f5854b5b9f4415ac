/** First open: the catalog and calendar shipped with the app, until the server sends its own versions. */
import { seedProcedures } from '../../../shared/catalog/seed-procedures';
import type { ProcedureCatalog } from './procedure-catalog';
import type { CalendarStore } from './calendar-store';

export function seedCatalogIfEmpty(catalog: ProcedureCatalog, calendar: CalendarStore): void {
  if (catalog.isEmpty()) catalog.take(seedProcedures, 'seed');
  // The empty document is the standard calendar: default office hours and computed holidays.
  if (!calendar.isConfigured()) calendar.set({}, 'seed');
}

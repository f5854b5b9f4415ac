/**
 * The report counts are built a step at a time while the desk is idle (reports/report-facts-upkeep.ts), and by a
 * report in steps that let the desk answer other requests meanwhile. Where the build has got to is kept beside its
 * `built` flag, written in each step's own transaction: every connection (the desk, `motcua report` on the same
 * file) continues the one build instead of counting facts twice, and a desk closed midway goes on from there.
 * NULL: no build under way (the next one starts by emptying the counts). `build_id` names the build the cursor belongs
 * to, so sums a connection holds for one build are never written into another that reached the same cursor.
 */
import type { Migration } from '../migrate';

export const reportCountsBuildCursor: Migration = {
  version: 18,
  name: '018-report-counts-build-cursor',
  up(db) {
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(report_counts_state)').all();
    for (const [name, type] of [['build_after', 'INTEGER'], ['build_id', 'TEXT']] as const)
      if (!columns.some((c) => c.name === name)) db.exec(`ALTER TABLE report_counts_state ADD COLUMN ${name} ${type}`);
  },
};

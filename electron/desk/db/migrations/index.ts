import type { Migration } from '../migrate';
import { initial } from './001-initial';
import { reportFacts } from './002-report-facts';
import { listIndexes } from './003-list-indexes';
import { searchMergeWhenIdle } from './004-search-merge-when-idle';
import { reportCounts } from './005-report-counts';
import { localCalendar } from './006-local-calendar';
import { syncRefoldQueue } from './007-sync-refold-queue';
import { syncCountsAndReportMarks } from './008-sync-counts-and-report-marks';
import { pendingList } from './009-pending-list';
import { idNumberBySearchIndex } from './010-id-number-by-search-index';
import { searchIndexWhenIdle } from './011-search-index-when-idle';
import { auditFilterIndexes } from './012-audit-filter-indexes';
import { fewerListIndexes } from './013-fewer-list-indexes';
import { auditActionIndexes } from './014-audit-action-indexes';
import { serverUnits } from './015-server-units';
import { reappointedIndex } from './016-reappointed-index';
import { reportLatenessAndReceiptScans } from './017-report-lateness-and-receipt-scans';
import { reportCountsBuildCursor } from './018-report-counts-build-cursor';
import { conflictDecisionsClose } from './019-conflict-decisions-close';
import { unlinkedInboxImports } from './020-unlinked-inbox-imports';
import { supplementRestarts } from './021-supplement-restarts';
import { secondConflictDecisions } from './022-second-conflict-decisions';
import { voidedReceipts } from './023-voided-receipts';
import { receiveRequests } from './024-receive-requests';
import { registryReadAgain } from './025-registry-read-again';
import { lateSupplementsAndDecidedDeeds } from './026-late-supplements-and-decided-deeds';

/** Every migration in order. Append new files; never edit or renumber one that has shipped. */
export const migrations: readonly Migration[] = [
  initial,
  reportFacts,
  listIndexes,
  searchMergeWhenIdle,
  reportCounts,
  localCalendar,
  syncRefoldQueue,
  syncCountsAndReportMarks,
  pendingList,
  idNumberBySearchIndex,
  searchIndexWhenIdle,
  auditFilterIndexes,
  fewerListIndexes,
  auditActionIndexes,
  serverUnits,
  reappointedIndex,
  reportLatenessAndReceiptScans,
  reportCountsBuildCursor,
  conflictDecisionsClose,
  unlinkedInboxImports,
  supplementRestarts,
  secondConflictDecisions,
  voidedReceipts,
  receiveRequests,
  registryReadAgain,
  lateSupplementsAndDecidedDeeds,
];

/**
 * The audit trail's target and detail in words. The desk writes them as short English phrases of a fixed form
 * (electron/desk: users/user-service.ts, dossiers/dossier-queries.ts, api/handlers.ts, settings/calendar-change.ts);
 * here each known form is put in the UI's language, and a form this renderer does not know is shown as written.
 */
import type { TFunction } from 'i18next';
import type { AuditEntryView } from '../../../../shared/api/desk-views';
import { searchFilterAuditNames } from '../../../../shared/api/dossier-inputs';
import { roleLabels, type Role } from '../../../../shared/domain/roles';
import type { ReportCategory } from '../../../../shared/reports/aggregation-sql';
import { dateKeyToVn } from '../../format/vn-time';
import { unitNameOf } from '../../store/desk-info';

type Translate = TFunction;
type Localize = (text: { vi: string; en: string }) => string;

/** The search's filters by the words the desk's audit line names them with: the label of each. */
const SEARCH_FILTER_LABELS = new Map(Object.entries(searchFilterAuditNames).map(([label, { words }]) => [words as string, label]));

/** Report figures (the drill-down's `figure`) by their label on the report screen. */
/** Every figure a report can list its dossiers for, by its words (typed so that a new figure cannot be left out). */
const FIGURE_LABELS: Record<ReportCategory, string> = {
  carried_over: 'reports.carriedOver',
  received_new: 'reports.newReceived',
  resolved_early: 'reports.early',
  resolved_on_time: 'reports.onTime',
  resolved_late: 'reports.late',
  in_progress_within: 'reports.inProgressWithin',
  in_progress_overdue: 'reports.inProgressOverdue',
  returned: 'reports.returned',
  withdrawn: 'reports.withdrawn',
  stopped: 'reports.stopped',
  refused: 'reports.refused',
  digitised_at_receipt: 'reports.digitisedAtReceipt',
  result_digitised: 'reports.resultsDigitised',
  received_friday: 'nav.friday',
};
const isFigure = (s: string): s is ReportCategory => s in FIGURE_LABELS;
const CHANNEL_LABELS: Record<string, string> = { online: 'reports.online', in_person: 'reports.inPerson', postal: 'reports.postal' };
const SETTING_LABELS = ['scanInboxDir', 'dailyBackup', 'dueSoonWorkingHours', 'publicLookupUrl', 'language'];

const isRole = (s: string): s is Role => s in roleLabels;
const dates = (text: string) => text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (key) => dateKeyToVn(key));

/** The record touched: its kind in words and the name a person knows it by (a code, a name, a period). */
export function auditTarget(e: AuditEntryView, t: Translate, exists: (key: string) => boolean): string {
  const kind = e.targetKind && exists(`audit.kinds.${e.targetKind}`) ? t(`audit.kinds.${e.targetKind}`) : e.targetKind;
  let name: string | null = e.targetName ?? e.targetId;
  if (e.targetKind === 'report' && e.targetId) {
    const [from, to] = e.targetId.split('..');
    name = from && to ? `${dateKeyToVn(from)} – ${dateKeyToVn(to)}` : e.targetId;
  } else if (e.targetKind === 'desk' || e.targetKind === 'calendar' || e.targetKind === 'sync') {
    name = null; // the desk's own device id, the one local calendar layer, the one sync page: the kind says it all
  } else if (e.targetKind === 'attachment' && e.targetId) {
    name = `${e.targetId.slice(0, 12)}…`;
  } else if (e.targetKind === 'dossier' && e.targetId && !e.targetName) {
    name = t('audit.details.noCode');
  }
  return [kind, name].filter(Boolean).join(' ');
}

/** The detail in words, part by part; a part of a form this renderer does not know stays as the desk wrote it. */
export function auditDetail(e: AuditEntryView, t: Translate, localize: Localize): string {
  if (!e.detail) return '';
  const role = (r: string) => (isRole(r) ? localize(roleLabels[r]) : r);
  const part = (p: string): string => {
    let m: RegExpExecArray | null;
    if (p === 'no change') return t('audit.details.noChange');
    if (p === 'first administrator') return t('audit.details.firstAdministrator');
    if (p === 'unknown username') return t('audit.details.unknownUsername');
    if (p === 'password change') return t('audit.details.duringPasswordChange');
    if (p === 'name') return t('audit.details.renamed');
    if (p === 'disabled') return t('audit.details.disabled');
    if (p === 'enabled') return t('audit.details.enabled');
    if ((m = /^role (\w+) -> (\w+)$/.exec(p))) return t('audit.details.roleChange', { from: role(m[1]!), to: role(m[2]!) });
    if ((m = /^role (\w+)$/.exec(p))) return t('audit.details.role', { role: role(m[1]!) });
    if ((m = /^(code|code_part|id_number|procedure_code|text) query, (\d+) result\(s\)$/.exec(p))) return t(`audit.details.search_${m[1]}`, { count: Number(m[2]) });
    if ((m = /^due (overdue|today|soon)$/.exec(p))) return t(`audit.details.searchDue_${m[1]}`);
    if ((m = /^filters (.+)$/.exec(p))) {
      const names = m[1]!.split(', ').map((name) => {
        const label = SEARCH_FILTER_LABELS.get(name);
        return label ? t(`audit.details.searchFilter.${label}`) : name;
      });
      return t('audit.details.searchFilters', { filters: names.join(', ') });
    }
    if (p === 'report summary') return t('audit.details.reportSummary');
    if ((m = /^form 06 logbook (\d{4})-(\d{2}), (\d+) dossiers$/.exec(p))) return t('audit.details.logbook', { month: `${m[2]}/${m[1]}`, count: Number(m[3]) });
    if ((m = /^report by month, (\d+) months$/.exec(p))) return t('audit.details.reportByMonth', { count: Number(m[1]) });
    if ((m = /^report export (\w+)$/.exec(p))) return t('audit.details.reportExport', { format: m[1]!.toUpperCase() });
    if ((m = /^report drill-down (\w+)(?: (\w+))?, (\d+) dossiers from (\d+)$/.exec(p))) {
      const figure = isFigure(m[1]!) ? t(FIGURE_LABELS[m[1]]) : m[1]!;
      const channel = m[2] && CHANNEL_LABELS[m[2]] ? ` (${t(CHANNEL_LABELS[m[2]]!)})` : m[2] ? ` (${m[2]})` : '';
      return t('audit.details.reportDrill', { figure: figure + channel, count: Number(m[3]), from: Number(m[4]) + 1 });
    }
    if ((m = /^sync problems, (\d+) refused, (\d+) in conflict$/.exec(p))) return t('audit.details.syncProblems', { refused: Number(m[1]), conflicts: Number(m[2]) });
    if ((m = /^dossiers (.+)$/.exec(p))) {
      const uncoded = (c: string) => /^(\d+) without code$/.exec(c);
      const codes = m[1]!.split(', ').map((c) => (uncoded(c) ? t('audit.details.withoutCode', { count: Number(uncoded(c)![1]) }) : c));
      return t('audit.details.dossierCodes', { codes: codes.join(', ') });
    }
    // A refused server address (api/handlers.ts, audit/address-tried.ts): "current → tried; refused <code>".
    if ((m = /^refused (\w+)$/.exec(p))) return t('audit.details.serverRefused', { reason: t(`audit.details.serverRefusal.${m[1]}`, { defaultValue: m[1] }) });
    if ((m = /^(.+ → )\(not an address\)$/.exec(p))) return `${m[1]}${t('audit.details.notAnAddress')}`;
    if ((m = /^unit (.+)$/.exec(p))) return m[1] === 'all' ? t('audit.details.allUnits') : t('audit.details.unit', { unit: unitNameOf(m[1]) });
    if ((m = /^office hours: (.+) -> (.+)$/.exec(p))) return t('audit.details.officeHours', { from: hours(m[1]!, t), to: hours(m[2]!, t) });
    if ((m = /^(days off|make-up working days) (added|removed): (.+)$/.exec(p))) {
      const key = `audit.details.${m[1] === 'days off' ? 'daysOff' : 'workingDays'}_${m[2]}`;
      return t(key, { days: dates(m[3]!) });
    }
    return p;
  };
  if (e.action === 'settings.set' && !e.targetKind) {
    const keys = e.detail.split(', ');
    if (keys.every((k) => SETTING_LABELS.includes(k))) return keys.map((k) => t(`audit.details.settings.${k}`)).join(', ');
  }
  // A calendar change joins its parts with " | " (its office hours and lists of days contain "; " themselves);
  // the other details join theirs with "; ". Chosen by kind: a calendar change of one part has no " | " at all.
  const separator = e.targetKind === 'calendar' ? ' | ' : '; ';
  return e.detail.split(separator).map(part).join('; ');
}

/** "days 12345; 07:30-11:30, 13:30-17:00; same-day 10:00; Friday 15:00/17:00", or "server's", in words. */
function hours(text: string, t: Translate): string {
  if (text === "server's") return t('audit.details.serverHours');
  const m = /^days (\d+); (.*); same-day (\S+); Friday (\S+)\/(\S+)$/.exec(text);
  if (!m) return text;
  const days = [...m[1]!].map((d) => t(`settings.weekdayNames.${d}`)).join(', ');
  return t('audit.details.hours', { days, sessions: m[2]!.replace(/-/g, '–'), sameDay: m[3], friday: m[4], fridayDue: m[5] });
}

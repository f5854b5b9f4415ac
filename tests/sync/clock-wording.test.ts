/**
 * One wording for a wrong PC clock. The desk writes its warning for the Sync screen and its refusals in both
 * languages (electron/desk/sync/clock-skew.ts, dossiers/clock-order.ts); the renderer writes the reception's and the
 * actions' warnings from its i18n. They once said the same fault three ways ("chậm 5 ngày", "slow", "behind";
 * "Hãy nhờ chỉnh lại đồng hồ", "Hãy chỉnh lại ngày giờ của máy"), so a clerk comparing the Sync screen with the
 * reception's notice read two faults. Here the two sides are held to the same sentences.
 */
import { describe, expect, it } from 'vitest';
import { clockCheckWarning } from '../../electron/desk/sync/clock-skew';
import { SET_THE_CLOCK } from '../../shared/sync/clock-limit';
import { actionClockText, clockFindingText, receptionClockText } from '../../renderer/src/format/clock-skew';
import { initI18n } from '../../renderer/src/i18n';
import type { ClockCheckView } from '../../shared/api/desk-views';

const findings: Record<string, ClockCheckView> = {
  'measured 2 days behind': { basis: 'measured', skewSeconds: -2 * 86_400, since: '2026-12-01T09:20:00+07:00' },
  'measured 7 minutes ahead': { basis: 'measured', skewSeconds: 7 * 60 + 10, since: '2026-12-01T09:20:00+07:00' },
  'kept from before a restart, 1 day behind': { basis: 'measured', skewSeconds: -86_400, since: '2026-12-01T09:20:00+07:00', kept: true },
  'at least 5 days behind the server': { basis: 'server_time', skewSeconds: -(4 * 86_400 + 18 * 3600 + 31 * 60), since: '2026-12-01T03:31:00+07:00' },
  'set back behind its own unsent work': { basis: 'own_events', skewSeconds: -30 * 3600, since: '2026-12-01T09:00:00+07:00' },
};

describe('a wrong PC clock, said by the desk and by the screens', () => {
  const i18n = initI18n('vi');
  for (const language of ['vi', 'en'] as const) {
    const t = i18n.getFixedT(language);
    for (const [name, finding] of Object.entries(findings)) {
      it(`${name} (${language}): the Sync screen's warning opens with the sentence the reception and the actions show`, () => {
        const desk = clockCheckWarning(finding)![language];
        const screens = clockFindingText(t, finding);
        expect(desk.startsWith(`${screens} `)).toBe(true);
      });
    }

    it(`(${language}) says what to do in the desk's words everywhere: the Sync screen, the reception, the actions`, () => {
      const finding = findings['measured 2 days behind']!;
      // Without its first letter: opening a sentence, it takes a capital ("Set the PC's…", "set the PC's…").
      const what = SET_THE_CLOCK[language].slice(1);
      expect(clockCheckWarning(finding)![language]).toContain(what);
      expect(receptionClockText(t, finding)).toContain(what);
      expect(actionClockText(t, finding)).toContain(what);
    });
  }
});

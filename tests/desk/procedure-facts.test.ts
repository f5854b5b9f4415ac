/**
 * What a dossier's row takes from its procedure, and the catalog changes that call for the row to be written again
 * (electron/desk/projections/dossier-row.ts). Each fact on its own: a row that would change must be rewritten, and a
 * change that is not rewritten must leave the row as it is ("Friday without waiting" aside: the rule was applied
 * at the reception, and stays as the receipt said).
 */
import { describe, expect, it } from 'vitest';
import { projectDossier } from '../../shared/domain/lifecycle';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { Procedure } from '../../shared/domain/procedure';
import { dossierRowOf, procedureFactsChanged } from '../../electron/desk/projections/dossier-row';
import { makeEvent, receivedPayload } from '../domain/fixtures';

const state = projectDossier([makeEvent('dossier.received', receivedPayload, { serverSeq: 1 })])!;
const procedure: Procedure = { ...seedProcedures.find((p) => p.code === state.procedureCode)!, fridayNoWait: false };
const rowWith = (p: Procedure) => dossierRowOf(state, p, { pending: 0, quarantined: 0 });

const changes: [string, (p: Procedure) => Procedure, boolean][] = [
  ['renamed', (p) => ({ ...p, name: `${p.name} (tên mới)` }), true],
  ['moved to another field', (p) => ({ ...p, field: 'Hộ tịch điện tử' }), true],
  ['handled by another agency', (p) => ({ ...p, agency: 'Phòng Tư pháp' }), true],
  ['given a longer processing time', (p) => ({ ...p, processingTime: { kind: 'days', days: 45 } }), false],
  ['asked for one more paper', (p) => ({ ...p, components: [...p.components, { ...p.components[0]!, id: 'giay-moi', name: 'Giấy mới' }] }), false],
];

describe('a procedure changed in the catalog, and the rows of its dossiers', () => {
  it.each(changes)('%s: rewritten exactly when the row would differ', (_, change, rewritten) => {
    const after = change(procedure);
    expect(procedureFactsChanged(procedure, after)).toBe(rewritten);
    expect(rowWith(after)).toEqual(rewritten ? expect.not.objectContaining(rowWith(procedure)) : rowWith(procedure));
  });

  it('put on the "Friday without waiting" list: not rewritten, though a row written anew takes the flag', () => {
    const after = { ...procedure, fridayNoWait: true };
    expect(procedureFactsChanged(procedure, after)).toBe(false);
    const { friday_no_wait: before, ...rest } = rowWith(procedure);
    const { friday_no_wait: anew, ...restAnew } = rowWith(after);
    expect([before, anew]).toEqual([0, 1]);
    expect(restAnew).toEqual(rest);
  });

  it('new to the desk: its dossiers (written without its names) are rewritten', () => {
    expect(procedureFactsChanged(undefined, procedure)).toBe(true);
  });
});

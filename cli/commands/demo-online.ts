/**
 * The demo's online dossiers: what the national public service portal sends when citizens apply online, submitted
 * to the demo server's portal endpoint as the portal would (status 1, "Mới đăng ký"). They reach the clerk's desk by
 * sync, to be checked and received or refused there: the one kind of dossier a desk cannot make itself.
 */
import { Random } from '../../bench/generator/random';
import { cccd, mobilePhone, personName } from '../../bench/generator/vietnamese-names';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { SEED_DISTRICT_CODE } from '../../shared/catalog/seed-units';
import { toVnIso } from '../../shared/calendar/vn-time';

/** A share of the demo dossiers, at least one: a district's desks see a few online applications a day. */
export const onlineShareOf = (dossiers: number): number => Math.max(1, Math.round(dossiers * 0.04));

export async function submitDemoOnlineDossiers(serverUrl: string, portalToken: string, count: number, now = new Date()): Promise<void> {
  const rng = new Random(2026);
  const procedures = seedProcedures.filter((p) => p.level === 'district');
  // 5.5 hours apart, or closer for a large demo, so that every one is within the months the portal may still send
  // (PORTAL_SUBMISSION_MAX_AGE_DAYS; the demo's dossiers span a quarter of a year).
  const spacingMs = Math.min(5.5 * 3_600_000, (90 * 86_400_000) / count);
  for (let n = 0; n < count; n++) {
    const procedure = rng.pick(procedures);
    // Submitted over the last few days, the latest first reached the desk this morning.
    const submittedAt = new Date(now.getTime() - (n + 1) * spacingMs);
    const response = await fetch(new URL('v1/portal/dossiers', `${serverUrl}/`), {
      method: 'POST',
      headers: { authorization: `Bearer ${portalToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        unitCode: SEED_DISTRICT_CODE,
        procedureCode: procedure.code,
        applicant: { kind: 'person', name: personName(rng), idNumber: cccd(rng), phone: mobilePhone(rng) },
        components: procedure.components.map((c) => ({ componentId: c.id, name: c.name, form: c.form, copies: c.copies, present: true })),
        portalRef: `DVC-DEMO-${String(n + 1).padStart(4, '0')}`,
        submittedAt: toVnIso(submittedAt),
      }),
    });
    // Answered 200 for a reference already submitted: a demo folder seeded half-way before a crash.
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`the demo portal's submission was refused: ${response.status} ${await response.text()}`);
    }
  }
}

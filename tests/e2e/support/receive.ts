/** Dossiers received through the desk API (as another desk session would), for tests about finding them. */
import type { DeskHost } from './desk-host';
import { ADMIN } from './fixtures';

export async function receiveViaApi(deskHost: DeskHost, applicantName: string, idNumber = '001203004567'): Promise<{ code: string; id: string }> {
  await deskHost.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const catalog = await deskHost.call('catalog.procedures', {});
  if (!catalog.ok) throw new Error(catalog.error.message.en);
  const procedure = (catalog.value as { code: string; name: string; components: { id: string }[] }[]).find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
  const receipt = await deskHost.call('dossiers.receive', {
    procedureCode: procedure.code,
    channel: 'in_person',
    applicant: { kind: 'person', name: applicantName, idNumber },
    components: procedure.components.map((c) => ({ componentId: c.id, present: true })),
  });
  if (!receipt.ok) throw new Error(receipt.error.message.en);
  const value = receipt.value as { code: string; dossier: { id: string } };
  return { code: value.code, id: value.dossier.id };
}

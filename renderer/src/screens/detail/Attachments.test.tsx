// @vitest-environment jsdom
/** The attachments panel stays mounted from one dossier to the next (scanned slip, search, list). */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok, type Result } from '../../../../shared/result';
import type { DeskCall } from '../../../../shared/api/desk-api';
import type { DossierDetail } from '../../../../shared/api/dossier-views';
import { initI18n } from '../../i18n';
import { Attachments } from './Attachments';
import { dossierAt } from '../../../../tests/domain/fixtures';

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

const detailOf = (id: string, papers: { componentId: string; name: string }[]): DossierDetail =>
  ({
    state: { ...dossierAt(2), id, version: 1, components: papers.map((p) => ({ ...p, form: 'original', copies: 1, present: true })) },
    timeline: [],
    allowedActions: [],
    procedure: null,
    summary: {},
  }) as unknown as DossierDetail;

it('links a scan to a paper of the dossier now open, not to the paper picked on the one before', async () => {
  const links: unknown[] = [];
  const call = (async (method: string, input: { target?: unknown }): Promise<Result<unknown>> => {
    if (method === 'attachments.inbox') return ok({ folder: '/scans', missing: false, files: [{ fileName: 'scan.pdf', size: 1, modifiedAt: '2026-11-27T09:00:00+07:00' }] });
    if (method === 'attachments.import') return ok({ sha256: 'a'.repeat(64), fileName: 'scan.pdf', size: 1, mime: 'application/pdf' });
    if (method === 'attachments.link') links.push(input.target);
    return ok({});
  }) as unknown as DeskCall;
  const view = render(<Attachments detail={detailOf('A', [{ componentId: 'to-khai-a', name: 'Tờ khai A' }])} call={call} onLinked={() => undefined} />);
  view.rerender(<Attachments detail={detailOf('B', [{ componentId: 'to-khai-b', name: 'Tờ khai B' }])} call={call} onLinked={() => undefined} />);
  await userEvent.click(await screen.findByRole('button', { name: 'Đính kèm bản quét: scan.pdf' }));
  await waitFor(() => expect(links).toEqual([{ componentId: 'to-khai-b' }]));
  expect(await screen.findByText('Đã đính kèm scan.pdf vào Tờ khai B.')).toBeTruthy();
});

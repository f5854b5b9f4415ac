/**
 * The catalog and the calendar as a technician edits them over HTTP: GET answers the current version's document with
 * its number beside the document's own fields (`{ "version": 3, "procedures": [ … ] }`), which is what PUT takes back.
 * A `version` in a PUT names the version the edit began from: if another publication came since, the edit is refused
 * rather than publishing a document that silently drops what that one changed. A PUT without it publishes as before.
 */
import { z } from 'zod';
import type { VersionedDocumentResponse } from '../../shared/sync/messages';
import { currentCatalog } from '../catalog/current-catalog';
import { HttpProblem, parseOrRefuse } from '../http-problem';
import type { ServerStorage } from '../storage/contract';

/** The documents the server versions and the desks pull, as the protocol names them. */
export type DocumentKind = VersionedDocumentResponse['kind'];

/** An edit to publish: the document, and the version it was read at (absent when the sender did not say). */
export interface DocumentEdit {
  basedOn: number | undefined;
  document: unknown;
}

const NAMES: Record<DocumentKind, { vi: string; en: string }> = {
  catalog: { vi: 'Danh mục thủ tục', en: 'The procedure catalog' },
  calendar: { vi: 'Lịch làm việc', en: 'The working calendar' },
};

/**
 * The document the server uses now. Before any publication that is the seed catalog (the one current catalog the
 * portal's check, the import and the reports use: catalog/current-catalog.ts) and the standard calendar (`{}`), both
 * as version 0.
 */
export async function currentDocument(storage: Pick<ServerStorage, 'document'>, kind: DocumentKind): Promise<Record<string, unknown>> {
  if (kind === 'catalog') {
    const { version, procedures } = await currentCatalog(storage);
    return { version, procedures };
  }
  const stored = await storage.document(kind);
  return { version: stored?.version ?? 0, ...(stored?.body as Record<string, unknown> | undefined) };
}

const editVersionSchema = z.object({ version: z.number().int().min(0).optional() });

/** Splits a PUT body into the document and the version it was read at. */
export function documentEdit(body: unknown, what: string): DocumentEdit {
  // Anything but an object is left for the document's own validation to refuse, in its own words.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { basedOn: undefined, document: body };
  const { version: basedOn } = parseOrRefuse(editVersionSchema, body, what);
  const { version: _version, ...document } = body as Record<string, unknown>;
  return { basedOn, document };
}

/**
 * Publishes `document` as the next version and returns its number, unless the edit began from an older one. The
 * storage compares and stores in one transaction: another server on the same database publishing meanwhile is seen
 * (storage/contract.ts putDocument), where a check made here first would let both publish over the same version.
 */
export async function publishDocument(
  storage: Pick<ServerStorage, 'putDocument'>,
  kind: DocumentKind,
  edit: { basedOn: number | undefined; document: object },
  at: string,
): Promise<number> {
  const publication = await storage.putDocument(kind, edit.document, at, 'admin', edit.basedOn);
  if (publication.published) return publication.version;
  const { currentVersion: current } = publication;
  const name = NAMES[kind];
  if (edit.basedOn !== undefined && edit.basedOn > current) {
    // Not a later publication: a version this server never had (typed by hand, or read from another server).
    throw new HttpProblem(
      409,
      'document_version_conflict',
      `${name.vi} trên máy chủ này mới ở phiên bản ${current}; bản sửa ghi "version": ${edit.basedOn}, phiên bản máy chủ chưa từng có (gõ tay, hoặc đọc từ máy chủ khác). Không có gì được lưu: hãy đọc lại (GET) phiên bản hiện hành, sửa trên đó rồi gửi lại.`,
      `${name.en} on this server is at version ${current}; the edit says "version": ${edit.basedOn}, which this server never had (typed by hand, or read from another server). Nothing was stored: read the current version again (GET), edit that, and send it again.`,
    );
  }
  throw new HttpProblem(
    409,
    'document_version_conflict',
    `${name.vi} đã sang phiên bản ${current} sau phiên bản ${edit.basedOn} mà bản sửa này được đọc từ đó. Không có gì được lưu: hãy đọc lại (GET) phiên bản hiện hành, sửa trên đó rồi gửi lại.`,
    `${name.en} is now at version ${current}, published after version ${edit.basedOn} this edit was read from. Nothing was stored: read the current version again (GET), edit that, and send it again.`,
  );
}

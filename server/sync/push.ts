/**
 * The push rules (DESIGN.md §5). Per device the server keeps the last device sequence it settled:
 * at or below it → the same answer as the first time (duplicate, or the same quarantine); one above it →
 * judged; further above → a gap, refused with `expectedSeq` so the desk resends from there.
 * A settled event is either accepted (it gets the next server sequence in the same transaction) or
 * quarantined with a reason; both advance the device's chain, so a bad event never blocks the ones behind it.
 */
import { canonicalEventText, dossierEventSchema, type DossierEvent } from '../../shared/domain';
import { parseDossierCode } from '../../shared/domain/dossier-code';
import type { LocalizedText } from '../../shared/result';
import type { PushOutcome, PushResponse, QuarantineReasonCode, WireEvent } from '../../shared/sync/messages';
import type { DeviceFork, DeviceRecord, ServerStorage, SyncTx } from '../storage/contract';
import { sha256Hex } from '../secrets';
import { creatingUnit, mayActOn, mayWriteFor, referencedBlobs, transferTarget } from './scope';

export interface PushLog {
  warn(obj: Record<string, unknown>, msg: string): void;
}

type Verdict =
  | {
      kind: 'accept';
      event: DossierEvent;
      create: { unitCode: string; code: string | null; portalRef: string | null } | null;
      setCode: string | null;
    }
  | { kind: 'quarantine'; code: QuarantineReasonCode; reason: LocalizedText }
  | { kind: 'retry'; reason: 'dossier_unknown' };

const quarantine = (code: QuarantineReasonCode, vi: string, en: string): Verdict => ({
  kind: 'quarantine',
  code,
  reason: { vi, en },
});

/** The hash an event must carry: sha256 of the canonical text of the event exactly as the desk sent it. */
export const eventHash = (event: WireEvent | DossierEvent): string =>
  sha256Hex(canonicalEventText(event as DossierEvent));

async function judge(
  tx: SyncTx,
  device: DeviceRecord,
  wire: WireEvent,
  headHash: string | null,
): Promise<Verdict> {
  const parsed = dossierEventSchema.safeParse(wire);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(event)'))]
      .slice(0, 5)
      .join(', ');
    return quarantine(
      'invalid_event',
      `Sự kiện không hợp lệ (trường: ${fields}).`,
      `The event is invalid (fields: ${fields}).`,
    );
  }
  const event = parsed.data;
  if (eventHash(wire) !== wire.hash) {
    return quarantine(
      'hash_mismatch',
      'Mã băm của sự kiện không khớp với nội dung: dữ liệu có thể đã bị hỏng.',
      "The event's hash does not match its content: the data may be corrupt.",
    );
  }
  if (wire.prevHash !== headHash) {
    return quarantine(
      'chain_broken',
      'Sự kiện không nối tiếp sự kiện trước của máy này (chuỗi băm bị đứt).',
      "The event does not follow this device's previous event (the hash chain is broken).",
    );
  }
  if (await tx.eventIdTaken(wire.id)) {
    return quarantine(
      'event_id_reused',
      'Mã sự kiện đã được dùng cho một sự kiện khác.',
      'The event id is already used by another event.',
    );
  }

  // Online submissions come from the national portal, through the server's own portal device. One pushed by a desk
  // would hold the portal's reference, and the portal's real submission under it would be answered "already here".
  if (event.type === 'dossier.submitted_online' && device.kind !== 'portal') {
    return quarantine(
      'out_of_scope',
      'Chỉ Cổng dịch vụ công nộp hồ sơ trực tuyến; máy quầy không tạo được hồ sơ này. Sự kiện không được nhận.',
      'Only the public service portal submits online dossiers; a desk cannot create one. The event was not accepted.',
    );
  }
  const receivedCode = event.type === 'dossier.received' ? event.payload.code : null;
  // A reception files the dossier under a unit and takes a code from that unit's numbering: both must be the
  // desk's own. Otherwise a desk could take a neighbouring commune's next codes, and that commune's own receptions
  // under them would be quarantined as duplicates (also on a dossier this desk may act on, such as its unit's
  // online submission).
  if (event.type === 'dossier.received') {
    const codeUnit = parseDossierCode(event.payload.code);
    if (!mayWriteFor(device, event.payload.unitCode) || !codeUnit.ok || codeUnit.value.unitCode !== event.payload.unitCode) {
      return quarantine(
        'out_of_scope',
        `Mã hồ sơ ${event.payload.code} không thuộc đơn vị của máy này (${device.unitCode}); sự kiện không được nhận.`,
        `The dossier code ${event.payload.code} is not of this device's unit (${device.unitCode}); the event was not accepted.`,
      );
    }
  }
  const codeTakenElsewhere = async () => {
    if (!receivedCode) return false;
    const holder = await tx.dossierIdByCode(receivedCode);
    return holder !== undefined && holder !== wire.dossierId;
  };
  const duplicateCode = () =>
    quarantine(
      'duplicate_dossier_code',
      `Mã hồ sơ ${receivedCode} đã được cấp cho một hồ sơ khác.`,
      `The dossier code ${receivedCode} is already used by another dossier.`,
    );
  const outOfScope = () =>
    quarantine(
      'out_of_scope',
      'Hồ sơ không thuộc đơn vị của máy này; sự kiện không được nhận.',
      "The dossier does not belong to this device's unit; the event was not accepted.",
    );

  const dossier = await tx.dossier(wire.dossierId);
  if (!dossier) {
    const unitCode = creatingUnit(event, device);
    if (unitCode === null) {
      // This device's own reception of the dossier was refused here: its later deeds on that dossier (a transfer made
      // offline before the answer came) are refused with it. Answered "retry" they held every later event of the
      // desk behind them for ever, the outbox stuck (QA), against "a bad event never blocks the ones behind it".
      const refused = await tx.quarantinedCreation(device.id, wire.dossierId);
      if (refused) {
        // The reception's own code where it speaks of the dossier (its unit, its code), so the clerk's advice fits;
        // one about the record itself (a broken chain, a bad hash) is not this deed's, and a desk reads a broken chain
        // as "another PC works as this desk" (identity-in-use-elsewhere.ts): said as out of scope instead.
        const code = refused.reasonCode === 'duplicate_dossier_code' ? refused.reasonCode : 'out_of_scope';
        return quarantine(
          code,
          `Hồ sơ này không có trên máy chủ: máy chủ không nhận bản ghi tạo hồ sơ của quầy này (${refused.reason.vi.replace(/\.$/, '')}). Thay đổi này cũng không được nhận.`,
          `This dossier is not on the server: the server did not accept this desk's record that created it (${refused.reason.en.replace(/\.$/, '')}). This change was not accepted either.`,
        );
      }
      // Not a creating event for a dossier the server has never seen: its creating event is still on its way
      // (e.g. after a server restore, from another desk). Retry later rather than judge without the facts.
      return { kind: 'retry', reason: 'dossier_unknown' };
    }
    if (!mayWriteFor(device, unitCode)) return outOfScope();
    if (await codeTakenElsewhere()) return duplicateCode();
    const portalRef = event.type === 'dossier.submitted_online' ? event.payload.portalRef : null;
    return { kind: 'accept', event, create: { unitCode, code: receivedCode, portalRef }, setCode: null };
  }
  if (!mayActOn(device, dossier.units)) return outOfScope();
  if (await codeTakenElsewhere()) return duplicateCode();
  // Two desks receiving one online dossier concurrently give it two codes; both events are kept (the desks
  // mark the conflict) and the first code stays the dossier's.
  return {
    kind: 'accept',
    event,
    create: null,
    setCode: receivedCode && dossier.code === null ? receivedCode : null,
  };
}

async function resend(tx: SyncTx, wire: WireEvent): Promise<PushOutcome> {
  const base = { eventId: wire.id, deviceSeq: wire.deviceSeq };
  const stored = await tx.storedAtSeq(wire.deviceId, wire.deviceSeq);
  if (!stored || stored.eventId !== wire.id || stored.hash !== wire.hash) {
    return {
      ...base,
      outcome: 'quarantined',
      reasonCode: 'sequence_reused',
      reason: {
        vi: `Số thứ tự ${wire.deviceSeq} của máy này đã được dùng cho một sự kiện khác; sự kiện này không được lưu.`,
        en: `This device's sequence number ${wire.deviceSeq} was already used for another event; this event was not stored.`,
      },
    };
  }
  if (stored.quarantine)
    return {
      ...base,
      outcome: 'quarantined',
      reasonCode: stored.quarantine.reasonCode,
      reason: stored.quarantine.reason,
    };
  return { ...base, outcome: 'duplicate', serverSeq: stored.serverSeq, serverTime: stored.serverTime };
}

/**
 * Whether a push's first record refused as reusing a number is a fork not seen before: not the first refused record of
 * a fork noted (sent again by a desk of an earlier release, or after a restore of the server). Another PC copied from
 * the same image forks at the same numbers with records of its own, and is news (QA: it was taken for a re-send).
 */
function forkIsNews(noted: DeviceFork | undefined, wire: WireEvent): boolean {
  if (!noted) return true;
  if (noted.forkEventIds) return !noted.forkEventIds.includes(wire.id);
  return wire.deviceSeq > (noted.latestSeq ?? noted.deviceSeq);
}

/** Settles one batch in one transaction and reports one outcome per event sent. */
export async function processPush(
  storage: ServerStorage,
  deviceId: string,
  events: readonly WireEvent[],
  serverTime: string,
  log: PushLog,
): Promise<Omit<PushResponse, 'epoch' | 'serverTime'>> {
  const ordered = [...events].sort((a, b) => a.deviceSeq - b.deviceSeq);
  return storage.syncTransaction(async (tx) => {
    const outcomes: PushOutcome[] = [];
    let expectedSeq: number | undefined;
    const device = (await tx.device(deviceId))!;
    let head = { seq: device.lastSeq, hash: device.lastHash };

    // A number this device used already, for another record: a second PC works as this desk (a copied disk or data
    // folder). Its records past the head are not judged: the first would be quarantined as a broken chain and the
    // chain would go on from it, so this PC's later records would be taken and the first PC's refused in turn.
    // They are answered "busy"; a desk of this release stops sending once told (identity-in-use-elsewhere.ts).
    // Only for a fork past any seen before for this device (a PC copied again forks further on): a desk re-sending,
    // after a restore of the server, records refused so long ago (whose chain went on from them then) is held back
    // once, then judged as then at its next push, not held for ever.
    let forked = false;
    let holding = false;
    for (let i = 0; i < ordered.length; i++) {
      const wire = ordered[i]!;
      const base = { eventId: wire.id, deviceSeq: wire.deviceSeq };
      if (wire.deviceSeq <= head.seq) {
        const outcome = await resend(tx, wire);
        if (outcome.outcome === 'quarantined' && outcome.reasonCode === 'sequence_reused' && !forked) {
          forked = true;
          // Read only here, once a push forks: every other push would pay for it.
          const noted = await tx.deviceFork(deviceId);
          if (forkIsNews(noted, wire)) {
            log.warn(
              { deviceId, unitCode: device.unitCode, eventId: wire.id, deviceSeq: wire.deviceSeq },
              'push: sequence number reused with different content (two PCs may work as this desk)',
            );
            await tx.noteDeviceFork(deviceId, { deviceSeq: wire.deviceSeq, at: serverTime, eventId: wire.id });
            holding = true;
          }
        }
        outcomes.push(outcome);
        continue;
      }
      if (holding) {
        outcomes.push({ ...base, outcome: 'retry', reason: 'busy' });
        continue;
      }
      const gap = wire.deviceSeq > head.seq + 1;
      const verdict = gap ? undefined : await judge(tx, device, wire, head.hash);
      if (gap || verdict?.kind === 'retry') {
        if (gap) expectedSeq = head.seq + 1;
        const reason = gap ? 'gap' : 'dossier_unknown';
        // The sequence may not skip: everything behind a held-back event waits with it.
        for (const rest of ordered.slice(i)) {
          if (rest.deviceSeq > head.seq)
            outcomes.push({ eventId: rest.id, deviceSeq: rest.deviceSeq, outcome: 'retry', reason });
        }
        break;
      }
      if (verdict!.kind === 'quarantine') {
        await tx.quarantine(wire, verdict!.code, verdict!.reason, serverTime);
        log.warn(
          {
            deviceId,
            unitCode: device.unitCode,
            eventId: wire.id,
            deviceSeq: wire.deviceSeq,
            dossierId: wire.dossierId,
            type: wire.type,
            reasonCode: verdict!.code,
          },
          verdict!.code === 'out_of_scope'
            ? 'push: event outside the device scope refused'
            : 'push: event quarantined',
        );
        outcomes.push({
          ...base,
          outcome: 'quarantined',
          reasonCode: verdict!.code,
          reason: verdict!.reason,
        });
      } else {
        const { event, create, setCode } = verdict as Extract<Verdict, { kind: 'accept' }>;
        if (create) await tx.createDossier({ id: wire.dossierId, ...create });
        if (setCode) await tx.setDossierCode(wire.dossierId, setCode);
        const serverSeq = await tx.appendEvent(wire, serverTime);
        const target = transferTarget(event);
        if (target) await tx.addDossierUnit(wire.dossierId, target);
        for (const sha of referencedBlobs(event)) await tx.addBlobRef(sha, wire.dossierId);
        outcomes.push({ ...base, outcome: 'accepted', serverSeq, serverTime });
      }
      head = { seq: wire.deviceSeq, hash: wire.hash };
    }
    if (head.seq !== device.lastSeq) await tx.setDeviceHead(deviceId, head.seq, head.hash!);
    return expectedSeq === undefined ? { outcomes } : { outcomes, expectedSeq };
  });
}

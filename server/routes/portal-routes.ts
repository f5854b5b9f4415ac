/**
 * The national public service portal submits online dossiers here. Each becomes a `dossier.submitted_online`
 * event written by the server's own portal device (status 1), which flows down to the unit's desks to be
 * checked and received. A resubmission with the same portal reference returns the dossier already made only if it
 * is the same submission as stored (portal-resubmission.ts); one naming another unit or procedure, or with other
 * content (a corrected applicant, other papers), is refused with 409: the reference is the portal's key for one
 * dossier, and answering "done" would hide the second dossier, or tell the portal a correction was taken.
 * The portal is an outside party: it authenticates with its token and does not speak our protocol header.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import {
  dossierComponentSchema,
  submittedOnlinePayloadSchema,
  type DossierEventOf,
  type SubmittedOnlinePayload,
} from '../../shared/domain';
import { boundedApplicantSchema } from '../../shared/api/dossier-inputs';
import { authenticatePortal, vnNow, type ServerContext } from '../context';
import { HttpProblem, parseOrRefuse } from '../http-problem';
import { howResubmissionDiffers, resubmissionConflict } from './portal-resubmission';
import { eventHash } from '../sync/push';
import { currentCatalog } from '../catalog/current-catalog';
import type { Procedure } from '../../shared/domain/procedure';
import { PORTAL_USER_ID } from '../../shared/domain/users';
import { z } from 'zod';
import { toVnIso } from '../../shared/calendar/vn-time';

/**
 * What the portal may send: the event's payload, with the lengths the desk's reception form holds (a name of 200
 * characters, an ID number of 20, …). A submission is stored and sent down to every desk of the unit as it is, so an
 * oversized field is refused here, with the portal told, rather than stored for good and met by a clerk whose form
 * cannot take it.
 */
export const portalSubmissionSchema = submittedOnlinePayloadSchema.omit({ channel: true }).extend({
  applicant: boundedApplicantSchema,
  components: z
    .array(
      dossierComponentSchema.extend({
        componentId: z.string().max(100).pipe(dossierComponentSchema.shape.componentId),
        name: z.string().max(500).pipe(dossierComponentSchema.shape.name),
      }),
    )
    .max(100),
  portalRef: z.string().trim().min(1).max(100),
});

const PORTAL_ACTOR = { userId: PORTAL_USER_ID, name: 'Cổng Dịch vụ công', role: 'clerk' } as const;

export function registerPortalRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { storage } = ctx;

  app.post('/v1/portal/dossiers', async (request, reply) => {
    authenticatePortal(ctx, request);
    const submission = parseOrRefuse(
      portalSubmissionSchema,
      request.body,
      'nộp hồ sơ trực tuyến / online submission',
    );
    if (!(await storage.unit(submission.unitCode))) {
      throw new HttpProblem(
        422,
        'unknown_unit',
        `Máy chủ không phục vụ đơn vị ${submission.unitCode}.`,
        `This server does not serve the unit ${submission.unitCode}.`,
      );
    }
    refuseWhatNoDeskCanReceive(submission, (await currentCatalog(storage)).procedures);
    const portalDeviceId = await storage.portalDeviceId();
    const serverTime = vnNow(ctx);
    const result = await storage.syncTransaction(async (tx) => {
      const payload: SubmittedOnlinePayload = { ...submission, channel: 'online' };
      const existing = await tx.dossierIdByPortalRef(submission.portalRef);
      if (existing) {
        const differs = await howResubmissionDiffers(tx, existing, payload);
        if (differs.length > 0) {
          // Field names only: the values are the citizen's.
          request.log.warn({ dossierId: existing, differs }, 'portal: reference already used for another dossier');
          throw resubmissionConflict(submission.portalRef, differs);
        }
        return { dossierId: existing, created: false as const };
      }
      // A new submission only: one already taken is acknowledged again as it was, whenever it is sent again.
      refuseImplausibleSubmissionTime(submission.submittedAt, ctx.now());
      const device = (await tx.device(portalDeviceId))!;
      const unhashed: Omit<DossierEventOf<'dossier.submitted_online'>, 'hash'> = {
        id: uuidv7(),
        dossierId: randomUUID(),
        deviceId: portalDeviceId,
        deviceSeq: device.lastSeq + 1,
        type: 'dossier.submitted_online',
        payload,
        baseVersion: 0,
        actor: { ...PORTAL_ACTOR },
        deviceTime: serverTime,
        prevHash: device.lastHash,
      };
      const event = { ...unhashed, hash: eventHash(unhashed as DossierEventOf<'dossier.submitted_online'>) };
      await tx.createDossier({
        id: event.dossierId,
        unitCode: submission.unitCode,
        code: null,
        portalRef: submission.portalRef,
      });
      const serverSeq = await tx.appendEvent(event, serverTime);
      await tx.setDeviceHead(portalDeviceId, event.deviceSeq, event.hash);
      return { dossierId: event.dossierId, created: true as const, eventId: event.id, serverSeq };
    });
    request.log.info(
      { dossierId: result.dossierId, unitCode: submission.unitCode, created: result.created },
      'portal: online dossier submitted',
    );
    return reply.code(result.created ? 201 : 200).send(result);
  });
}

/** How far ahead of the server's clock a portal's may run before its times are refused as not yet come. */
export const PORTAL_CLOCK_LEEWAY_MS = 10 * 60_000;
/** How old a new submission may be: a portal that held submissions through an outage sends them days late, not years. */
export const PORTAL_SUBMISSION_MAX_AGE_DAYS = 366;

/**
 * The submission time is the dossier's time of receipt for an online dossier: it orders the desks' lists and starts
 * its processing time. One in the future would sit on top of "newest first" for months and be counted in a report
 * period not yet come; one years old is a portal's mistake (QA: 2027 and 1999 were both stored). `motcua import`
 * refuses the same (`import_future`).
 */
function refuseImplausibleSubmissionTime(submittedAt: string, now: Date): void {
  const at = Date.parse(submittedAt);
  if (at > now.getTime() + PORTAL_CLOCK_LEEWAY_MS) {
    throw new HttpProblem(
      422,
      'submitted_at_future',
      `Thời điểm nộp (submittedAt: ${submittedAt}) ở sau giờ của máy chủ (${toVnIso(now)}): hồ sơ chưa thể được nộp vào lúc đó. Hãy kiểm tra đồng hồ của cổng. Không có gì được lưu.`,
      `The submission time (submittedAt: ${submittedAt}) is after the server's time (${toVnIso(now)}): the dossier cannot have been submitted then. Check the portal's clock. Nothing was stored.`,
    );
  }
  if (at < now.getTime() - PORTAL_SUBMISSION_MAX_AGE_DAYS * 86_400_000) {
    throw new HttpProblem(
      422,
      'submitted_at_too_old',
      `Thời điểm nộp (submittedAt: ${submittedAt}) cách đây hơn ${PORTAL_SUBMISSION_MAX_AGE_DAYS} ngày: hồ sơ cũ như vậy được đưa vào bằng lệnh motcua import, không qua cổng. Không có gì được lưu.`,
      `The submission time (submittedAt: ${submittedAt}) is more than ${PORTAL_SUBMISSION_MAX_AGE_DAYS} days ago: dossiers that old are brought in with motcua import, not through the portal. Nothing was stored.`,
    );
  }
}

/**
 * A submission for a procedure the district's catalog lacks, or naming a paper that procedure does not have, would
 * reach the desks as a dossier none of them can receive (the desk checks the papers against its catalog): refused
 * here, where the portal can be told, rather than left at status 1 for good.
 */
function refuseWhatNoDeskCanReceive(submission: z.infer<typeof portalSubmissionSchema>, procedures: readonly Procedure[]): void {
  const procedure = procedures.find((p) => p.code === submission.procedureCode);
  if (!procedure) {
    throw new HttpProblem(
      422,
      'unknown_procedure',
      `Danh mục thủ tục của máy chủ không có thủ tục ${submission.procedureCode}.`,
      `The server's procedure catalog has no procedure ${submission.procedureCode}.`,
    );
  }
  const unknown = submission.components.find((c) => !procedure.components.some((k) => k.id === c.componentId));
  if (unknown) {
    throw new HttpProblem(
      422,
      'unknown_component',
      `Thủ tục ${procedure.code} không có thành phần hồ sơ "${unknown.componentId}".`,
      `Procedure ${procedure.code} has no document component "${unknown.componentId}".`,
    );
  }
}

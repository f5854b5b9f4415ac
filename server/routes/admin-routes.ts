/** Administration over HTTP (administrator token): units, desks, catalog, calendar, server users, quarantine. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseCalendarEdit } from '../../shared/calendar/schema';
import { createDesk, desksShown, handleSecondPc, reinstateDesk } from '../admin/desks';
import { saveUnit } from '../admin/units';
import { adminUnitRequestSchema, catalogDocumentSchema, createDeskSchema, createUserSchema } from '../admin/schemas';
import { authenticateAdmin, vnNow, type ServerContext } from '../context';
import { checkLookupAddress, lookupAddressInputSchema } from '../admin/lookup-address';
import { currentDocument, documentEdit, publishDocument } from '../admin/documents';
import { HttpProblem, parseOrRefuse } from '../http-problem';
import { hashPassword } from '../secrets';

const idParams = z.object({ id: z.string().min(1).max(100) });
// Lowercased as `createUserSchema` stores it: "NGUYEN.AN" disables the user created as "Nguyen.An".
const usernameParams = z.object({ username: z.string().trim().toLowerCase().min(1).max(40) });

/**
 * A catalog or a calendar is one document, published whole: it cannot be sent "in smaller batches" as the ordinary
 * limit's refusal says. A province's catalog runs to a few thousand procedures with their papers (3,000 took 2.2 MB);
 * the schema allows 5,000, so this leaves room for that at about 1.5 KB a procedure.
 */
export const DOCUMENT_BODY_LIMIT = 8 * 1024 * 1024;
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });

export function registerAdminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { storage } = ctx;

  app.register(async (admin) => {
    admin.addHook('preHandler', async (request) => authenticateAdmin(ctx, request));

    admin.get('/v1/admin/units', async () => ({ units: await storage.listUnits() }));
    admin.post('/v1/admin/units', async (request, reply) => {
      const { move, ...unit } = parseOrRefuse(adminUnitRequestSchema, request.body, 'đơn vị / unit');
      const saved = await saveUnit(storage, unit, { move: move === true });
      // Codes and levels only, as for desks (names are free text): enough to follow the tree's changes.
      const { before } = saved;
      if (saved.change !== 'unchanged') {
        const moved = saved.change === 'moved' && before
          ? { was: { level: before.level, parentCode: before.parentCode }, renamed: before.name !== unit.name }
          : {};
        request.log.info(
          { unitCode: unit.code, level: unit.level, parentCode: unit.parentCode, ...moved },
          `admin: unit ${saved.change}`,
        );
      }
      return reply.code(201).send(unit);
    });

    admin.get('/v1/admin/lookup-address', async () => ({ address: await storage.lookupAddress() }));
    admin.put('/v1/admin/lookup-address', async (request) => {
      const { address: given } = parseOrRefuse(lookupAddressInputSchema, request.body, 'địa chỉ tra cứu / lookup address');
      const address = checkLookupAddress(given);
      await storage.setLookupAddress(address);
      // An address printed for anyone to read: not personal data.
      request.log.info({ address }, 'admin: lookup address set');
      return { address };
    });

    // `id` stays beside `deviceId` for the clients that already read it.
    admin.get('/v1/admin/desks', async () => ({ desks: await desksShown(storage) }));
    admin.post('/v1/admin/desks', async (request, reply) => {
      const input = parseOrRefuse(createDeskSchema, request.body, 'tạo quầy / desk');
      const desk = await createDesk(storage, input, ctx.now());
      request.log.info(
        { deviceId: desk.deviceId, unitCode: desk.unitCode, deskNumber: desk.deskNumber },
        'admin: desk created',
      );
      return reply.code(201).send(desk);
    });
    admin.post('/v1/admin/desks/:id/revoke', async (request) => {
      const { id } = parseOrRefuse(idParams, request.params, 'thu hồi máy / revoke');
      if (!(await storage.revokeDevice(id, vnNow(ctx)))) {
        throw new HttpProblem(
          404,
          'not_found',
          'Không có máy nào đang hoạt động với mã này.',
          'There is no active device with this id.',
        );
      }
      request.log.info({ deviceId: id }, 'admin: device revoked');
      return { deviceId: id, revoked: true };
    });

    admin.post('/v1/admin/desks/:id/reinstate', async (request) => {
      const { id } = parseOrRefuse(idParams, request.params, 'khôi phục máy / reinstate');
      const desk = await reinstateDesk(storage, id);
      request.log.info({ deviceId: id }, 'admin: device reinstated');
      return { ...desk, revoked: false };
    });
    // The technician has made the PC told a new desk: the list of desks stops warning (admin/desks.ts).
    admin.post('/v1/admin/desks/:id/second-pc-handled', async (request) => {
      const { id } = parseOrRefuse(idParams, request.params, 'máy tính thứ hai đã xử lý / second PC handled');
      const handled = await handleSecondPc(storage, id, ctx.now());
      // Numbers and a device id only: nothing about the citizens behind the refused records.
      request.log.info(
        { deviceId: id, deviceSeq: handled.secondPcHandled.deviceSeq, latestSeq: handled.secondPcHandled.latestSeq },
        'admin: second PC handled',
      );
      return { ...handled, secondPcSeen: null };
    });

    // GET answers what PUT takes back (admin/documents.ts): a technician reads, edits and publishes the same file.
    for (const kind of ['catalog', 'calendar'] as const) {
      admin.get(`/v1/admin/${kind}`, async () => currentDocument(storage, kind));
    }
    admin.put('/v1/admin/catalog', { bodyLimit: DOCUMENT_BODY_LIMIT }, async (request) => {
      const what = 'danh mục thủ tục / catalog';
      const { basedOn, document } = documentEdit(request.body, what);
      const catalog = parseOrRefuse(catalogDocumentSchema, document, what);
      const version = await publishDocument(storage, 'catalog', { basedOn, document: catalog }, vnNow(ctx));
      request.log.info({ version, basedOn, procedures: catalog.procedures.length }, 'admin: catalog published');
      return { kind: 'catalog', version };
    });
    admin.put('/v1/admin/calendar', { bodyLimit: DOCUMENT_BODY_LIMIT }, async (request) => {
      const { basedOn, document } = documentEdit(request.body, 'lịch làm việc / calendar');
      const parsed = parseCalendarEdit(document);
      if (!parsed.ok)
        throw new HttpProblem(400, parsed.error.code, parsed.error.message.vi, parsed.error.message.en);
      const version = await publishDocument(storage, 'calendar', { basedOn, document: parsed.value }, vnNow(ctx));
      request.log.info({ version, basedOn }, 'admin: calendar published');
      return { kind: 'calendar', version };
    });

    admin.get('/v1/admin/users', async () => ({
      users: (await storage.listUsers()).map(({ passwordHash: _p, ...u }) => u),
    }));
    admin.post('/v1/admin/users', async (request, reply) => {
      const input = parseOrRefuse(createUserSchema, request.body, 'người dùng / user');
      if (await storage.user(input.username)) {
        throw new HttpProblem(
          409,
          'user_exists',
          `Đã có người dùng ${input.username}.`,
          `The user ${input.username} already exists.`,
        );
      }
      await storage.putUser({
        username: input.username,
        name: input.name,
        role: input.role,
        passwordHash: hashPassword(input.password),
        createdAt: vnNow(ctx),
        disabledAt: null,
      });
      return reply.code(201).send({ username: input.username, name: input.name, role: input.role });
    });
    admin.post('/v1/admin/users/:username/disable', async (request) => {
      const { username } = parseOrRefuse(usernameParams, request.params, 'người dùng / user');
      if (!(await storage.disableUser(username, vnNow(ctx)))) {
        throw new HttpProblem(
          404,
          'not_found',
          'Không có người dùng đang hoạt động với tên này.',
          'There is no active user with this name.',
        );
      }
      return { username, disabled: true };
    });

    admin.get('/v1/admin/quarantine', async (request) => {
      const { limit } = parseOrRefuse(limitQuery, request.query, 'cách ly / quarantine');
      return { quarantine: await storage.listQuarantine(limit ?? 200) };
    });
  });
}

/**
 * Helpers for the server tests: a real server over a real SQLite file (or PostgreSQL database), and simulated
 * desks that make properly hashed, chained events and talk to the server through `app.inject`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { canonicalEventText, type DossierEvent } from '../../shared/domain';
import type { PullResponse, PushResponse, WireEvent } from '../../shared/sync/messages';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { createServer, type CreateServerOptions } from '../../server/app';
import type { ServerStorage } from '../../server/storage/contract';
import { openStorage } from '../../server/storage/open';
import { closeOnceAtEnd, tempFolder } from '../support/temp-folders';
import { toVnIso } from '../../shared/calendar/vn-time';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const PORTAL_TOKEN = 'test-portal-token-0123456789';
/**
 * The day a month before the tests run, in Vietnam: a portal submission time the server takes on any day (a new one
 * over a year old, or in the future, is refused), where a fixed date would start failing a year after it was written.
 */
export const A_MONTH_AGO = toVnIso(new Date(Date.now() - 30 * 86_400_000)).slice(0, 10);

export const DISTRICT = '000.00.06.H56';
export const COMMUNE_A = '000.01.06.H56';
export const COMMUNE_B = '000.02.06.H56';
export const PROVINCE = '000.00.00.H56';

/** Personal data that must never reach a log line. */
export const CITIZEN = {
  kind: 'person' as const,
  name: 'Nguyễn Văn Đức',
  idNumber: '001203004567',
  phone: '0912345678',
  address: 'Số 12 ngõ 34 phố Hàng Bông, Hoàn Kiếm',
  email: 'duc.nguyen@example.vn',
};

export interface TestServer {
  app: FastifyInstance;
  storage: ServerStorage;
  dir: string;
  close(): Promise<void>;
}

export async function startTestServer(
  options: Partial<CreateServerOptions> & { storage?: ServerStorage } = {},
): Promise<TestServer> {
  const dir = tempFolder('motcua-server-');
  const storage =
    options.storage ?? (await openStorage({ kind: 'sqlite', file: path.join(dir, 'server.db') }));
  const app = await createServer({
    adminToken: ADMIN_TOKEN,
    portalToken: PORTAL_TOKEN,
    logger: false,
    ...options,
    storage,
  });
  // A test that fails before it closes the server: closed (and its folder removed) when the file ends.
  const close = closeOnceAtEnd(async () => {
    await app.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, storage, dir, close };
}

export const protocolHeaders = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
export const adminHeaders = { ...protocolHeaders, authorization: `Bearer ${ADMIN_TOKEN}` };

export async function admin(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: adminHeaders,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Adds the district of the tests and two of its communes. */
export async function seedUnits(app: FastifyInstance): Promise<void> {
  for (const unit of [
    { code: PROVINCE, name: 'Tỉnh Hải Dương', level: 'province', parentCode: null },
    { code: DISTRICT, name: 'Huyện Thanh Hà', level: 'district', parentCode: PROVINCE },
    { code: COMMUNE_A, name: 'Xã Thanh An', level: 'commune', parentCode: DISTRICT },
    { code: COMMUNE_B, name: 'Xã Thanh Bình', level: 'commune', parentCode: DISTRICT },
  ]) {
    const res = await admin(app, 'POST', '/v1/admin/units', unit);
    if (res.statusCode !== 201) throw new Error(`seed unit: ${res.statusCode} ${res.body}`);
  }
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** A desk enrolled on the test server, making events the way the real desk does. */
export class SimDesk {
  seq = 0;
  lastHash: string | null = null;
  cursor = 0;
  epoch: string | null = null;
  private codeSeq = 0;

  constructor(
    readonly app: FastifyInstance,
    readonly deviceId: string,
    readonly secret: string,
    readonly unitCode: string,
    readonly deskNumber: number,
  ) {}

  /** Uploads a scan whole, in one chunk, as a desk with a good line does; returns its hash. */
  async uploadScan(scan: Buffer): Promise<string> {
    const hash = sha256(scan);
    const started = await this.app.inject({ method: 'POST', url: '/v1/blobs', headers: this.headers, payload: { sha256: hash, size: scan.length } });
    if (started.statusCode >= 300) throw new Error(`blob create: ${started.statusCode} ${started.body}`);
    const sent = await this.app.inject({
      method: 'PATCH',
      url: `/v1/blobs/${hash}`,
      headers: { ...this.headers, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      payload: scan,
    });
    if ((sent.json() as { complete?: boolean }).complete !== true) throw new Error(`blob upload: ${sent.statusCode} ${sent.body}`);
    return hash;
  }

  static async enrol(app: FastifyInstance, unitCode: string, deskNumber: number): Promise<SimDesk> {
    const created = await admin(app, 'POST', '/v1/admin/desks', { unitCode, deskNumber });
    if (created.statusCode !== 201) throw new Error(`create desk: ${created.statusCode} ${created.body}`);
    const { enrolmentCode } = created.json() as { enrolmentCode: string };
    const enrolled = await app.inject({
      method: 'POST',
      url: '/v1/enrol',
      headers: protocolHeaders,
      payload: { code: enrolmentCode },
    });
    if (enrolled.statusCode !== 201) throw new Error(`enrol: ${enrolled.statusCode} ${enrolled.body}`);
    const body = enrolled.json() as { deviceId: string; secret: string; epoch: string };
    const desk = new SimDesk(app, body.deviceId, body.secret, unitCode, deskNumber);
    desk.epoch = body.epoch;
    return desk;
  }

  get headers(): Record<string, string> {
    return { ...protocolHeaders, authorization: `Device ${this.deviceId}:${this.secret}` };
  }

  /** A hashed event chained to this desk's previous one. */
  event(
    type: string,
    payload: Record<string, unknown>,
    dossierId: string = randomUUID(),
    baseVersion = 0,
  ): WireEvent {
    const unhashed = {
      id: uuidv7(),
      dossierId,
      deviceId: this.deviceId,
      deviceSeq: ++this.seq,
      type,
      payload,
      baseVersion,
      actor: { userId: `clerk-${this.deskNumber}`, name: 'Trần Thị Lan', role: 'clerk' as const },
      deviceTime: '2026-03-02T09:32:00+07:00',
      prevHash: this.lastHash,
    };
    const hash = sha256(canonicalEventText(unhashed as unknown as DossierEvent));
    this.lastHash = hash;
    return { ...unhashed, hash };
  }

  receivedPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const sequence = this.deskNumber * 1000 + ++this.codeSeq;
    return {
      code: `${this.unitCode}-260302-${String(sequence).padStart(4, '0')}`,
      unitCode: this.unitCode,
      deskNumber: this.deskNumber,
      procedureCode: '1.001612.000.00.00.H56',
      channel: 'in_person',
      applicant: CITIZEN,
      components: [{ componentId: 'c1', name: 'Tờ khai', form: 'original', copies: 1, present: true }],
      receivedAt: '2026-03-02T09:32:00+07:00',
      dueAt: '2026-03-09T09:32:00+07:00',
      pin: '042917',
      ...overrides,
    };
  }

  /** A new dossier received at this desk. */
  receive(overrides: Record<string, unknown> = {}): WireEvent {
    return this.event('dossier.received', this.receivedPayload(overrides));
  }

  async pushRaw(events: WireEvent[], options: { gzip?: boolean } = {}): Promise<LightMyRequestResponse> {
    const body = JSON.stringify({ deviceId: this.deviceId, epoch: this.epoch, events });
    return this.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: {
        ...this.headers,
        'content-type': 'application/json',
        ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
      },
      payload: options.gzip ? gzipSync(body) : body,
    });
  }

  async push(events: WireEvent[], options: { gzip?: boolean } = {}): Promise<PushResponse> {
    const res = await this.pushRaw(events, options);
    if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
    return res.json() as PushResponse;
  }

  async pullPage(limit?: number): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: this.headers,
      payload: { cursor: this.cursor, epoch: this.epoch, ...(limit ? { limit } : {}) },
    });
  }

  /** Pulls every page, advancing the cursor; returns the events in delivery order. */
  async pullAll(limit?: number): Promise<PullResponse['events']> {
    const all: PullResponse['events'] = [];
    for (;;) {
      const res = await this.pullPage(limit);
      if (res.statusCode !== 200) throw new Error(`pull: ${res.statusCode} ${res.body}`);
      const page = res.json() as PullResponse;
      all.push(...page.events);
      this.cursor = page.nextCursor;
      this.epoch = page.epoch;
      if (!page.hasMore) return all;
    }
  }
}

/** `n` dossiers received and sent on at the writer desk (two events each), pushed in one batch; returns the events. */
export async function pushDossiers(writer: SimDesk, n: number): Promise<WireEvent[]> {
  const events: WireEvent[] = [];
  for (let i = 0; i < n; i++) {
    const received = writer.receive();
    events.push(received, writer.event('dossier.transferred', { toAgency: 'Phòng Tư pháp' }, received.dossierId, 1));
  }
  await writer.push(events);
  return events;
}

/**
 * The national portal submitting a dossier online (POST /v1/portal/dossiers), with no papers: `procedureCode` one of the
 * server's catalog, the applicant the tests' citizen unless another is given.
 */
export function portalSubmission(
  app: FastifyInstance,
  portalRef: string,
  procedureCode: string,
  unitCode = COMMUNE_A,
  submittedAt = `${A_MONTH_AGO}T08:15:00+07:00`,
  applicant: object = CITIZEN,
) {
  return app.inject({
    method: 'POST',
    url: '/v1/portal/dossiers',
    headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
    payload: { unitCode, procedureCode, applicant, components: [], portalRef, submittedAt },
  });
}

/** The province › district › commune the tests' desks belong to, added through `motcua server add-unit` on `location` (`--db FILE` or `--pg URL`). */
export async function addUnitTree(cli: (...argv: string[]) => Promise<unknown>, location: string[]): Promise<void> {
  await cli('add-unit', ...location, '--code', PROVINCE, '--name', 'Tỉnh', '--level', 'province');
  await cli('add-unit', ...location, '--code', DISTRICT, '--name', 'Huyện', '--level', 'district', '--parent', PROVINCE);
  await cli('add-unit', ...location, '--code', COMMUNE_A, '--name', 'Xã', '--level', 'commune', '--parent', DISTRICT);
}

/**
 * Paths pino blanks out of every log line. Personal data (names, ID numbers, phones, addresses, e-mails) and
 * whole event payloads must never reach a log; secrets neither. Code that logs about an event logs only its
 * ids, sequence and type, and this list is the safety net if someone logs more.
 */
const PERSONAL_KEYS = [
  'applicant',
  'name',
  'idNumber',
  'phone',
  'address',
  'email',
  'payload',
  'receivedBy',
  'body',
  'password',
  'secret',
  'code',
  'pin',
];

export const redactPaths: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  ...PERSONAL_KEYS,
  ...PERSONAL_KEYS.map((k) => `*.${k}`),
  ...PERSONAL_KEYS.map((k) => `*.*.${k}`),
  'events',
  '*.events',
];

export {
  startLoopbackHost,
  LOOPBACK_ADDRESS,
  SECRET_HEADER,
  DEFAULT_BODY_LIMIT_BYTES,
} from './loopback-host';
export type { LoopbackHost, LoopbackHostOptions } from './loopback-host';
export type { DeskDispatch } from './dispatch';
export { dispatchSafely, isDeskApiMethod, unknownMethod } from './dispatch';
export { CONTENT_SECURITY_POLICY, uiSecurityHeaders } from './content-security-policy';

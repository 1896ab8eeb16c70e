import type { FaultResponse } from './sim-config'
/**
 * An error the simulated Kling API answers with: HTTP status + Kling `code` + message (kling-upstream.md §5).
 * Handlers throw it; the router turns it into the `{code, message, request_id, data: null}` envelope.
 */
export class KlingError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** Sent as plain text without the envelope (a gateway's answer, not Kling's). */
    readonly bare = false,
  ) {
    super(message)
    this.name = 'KlingError'
  }
}

/** The error a queued create/query fault answers with. */
export function faultError(fault: FaultResponse): KlingError {
  return new KlingError(fault.status, fault.code, fault.message ?? KLING_CODE_MESSAGES[fault.code] ?? 'Simulated fault', fault.bare)
}

/** Default messages per code, used when a fault does not give its own. Wording follows the §5 table. */
export const KLING_CODE_MESSAGES: Readonly<Record<number, string>> = {
  1000: 'Authentication failed',
  1001: 'Authorization is empty',
  1002: 'Authorization is invalid',
  1003: 'Authorization is not yet valid',
  1004: 'Authorization has expired',
  1100: 'Account exception',
  1101: 'Account in arrears',
  1102: 'Resource pack depleted or expired',
  1103: 'No permission to access the requested resource',
  1200: 'Invalid request parameters',
  1201: 'Invalid parameter',
  1202: 'Invalid request method',
  1203: 'Requested resource does not exist',
  1300: 'Platform policy triggered',
  1301: 'content security policy triggered',
  1302: 'requests too fast',
  1303: 'parallel task over resource pack limit',
  1304: 'IP whitelist policy triggered',
  5000: 'Internal server error',
  5001: 'Service temporarily unavailable',
  5002: 'Server internal timeout',
}

/** 400/1200: a required field is missing or the request itself is unusable (not JSON, wrong content type). */
export function invalidRequest(message: string): KlingError {
  return new KlingError(400, 1200, message)
}

/** 400/1201: a field has an illegal value, or the body has a key the endpoint does not know. */
export function invalidParam(message: string): KlingError {
  return new KlingError(400, 1201, message)
}

/**
 * API errors carry the HTTP code and the Status reason, so callers branch on meaning (404, 409,
 * 410) rather than on message text, whichever KubeClient produced them.
 */
export class KubeApiError extends Error {
  readonly code: number;
  /** metav1.Status reason, e.g. `NotFound`, `Conflict`, `AlreadyExists`, `Expired`, `Invalid`. */
  readonly reason: string;

  constructor(code: number, reason: string, message: string) {
    super(message);
    this.name = 'KubeApiError';
    this.code = code;
    this.reason = reason;
  }

  /** The metav1.Status body a real API server would send for this error. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
  }

  static fromStatus(code: number, body: unknown): KubeApiError {
    const status = (typeof body === 'object' && body !== null ? body : {}) as {
      reason?: unknown;
      message?: unknown;
      code?: unknown;
    };
    const effective = typeof status.code === 'number' && status.code > 0 ? status.code : code;
    return new KubeApiError(
      effective,
      typeof status.reason === 'string' ? status.reason : reasonForCode(effective),
      typeof status.message === 'string' ? status.message : `HTTP ${effective}`,
    );
  }
}

function reasonForCode(code: number): string {
  switch (code) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 409:
      return 'Conflict';
    case 410:
      return 'Expired';
    case 415:
      return 'UnsupportedMediaType';
    case 422:
      return 'Invalid';
    case 429:
      return 'TooManyRequests';
    case 504:
      return 'Timeout';
    default:
      return code >= 500 ? 'InternalError' : 'Unknown';
  }
}

export function apiErrorCode(err: unknown): number | undefined {
  return err instanceof KubeApiError ? err.code : undefined;
}

export const isNotFound = (err: unknown): boolean => apiErrorCode(err) === 404;
export const isConflict = (err: unknown): boolean => apiErrorCode(err) === 409;
export const isGone = (err: unknown): boolean => apiErrorCode(err) === 410;

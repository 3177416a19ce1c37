import { log } from "@/lib/log";
/** Every error code the gateway answers with, and its HTTP status (CONTRACT.md §1 and §3). */
export const ERROR_STATUS = {
  invalid_api_key: 401,
  token_disabled: 401,
  token_expired: 401,
  unauthorized: 401,
  ip_not_allowed: 403,
  model_not_allowed: 403,
  forbidden: 403,
  model_not_found: 404,
  not_found: 404,
  invalid_request: 400,
  method_not_allowed: 405,
  conflict: 409,
  length_required: 411,
  request_too_large: 413,
  insufficient_quota: 429,
  rate_limit_exceeded: 429,
  client_closed: 499,
  upstream_error: 502,
  upstream_timeout: 504,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const ERROR_TYPE: Partial<Record<ErrorCode, string>> = {
  invalid_api_key: "authentication_error",
  token_disabled: "authentication_error",
  token_expired: "authentication_error",
  unauthorized: "authentication_error",
  ip_not_allowed: "permission_error",
  model_not_allowed: "permission_error",
  forbidden: "permission_error",
  model_not_found: "not_found_error",
  not_found: "not_found_error",
  method_not_allowed: "invalid_request_error",
  insufficient_quota: "insufficient_quota",
  rate_limit_exceeded: "rate_limit_error",
  upstream_error: "upstream_error",
  upstream_timeout: "upstream_error",
  internal_error: "server_error",
};

export type ErrorBody = {
  error: { message: string; type: string; param: string | null; code: string };
};

/** A failure with a contract code; thrown by library code, mapped once by toErrorResponse. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly param: string | null = null,
    readonly status: number = ERROR_STATUS[code],
  ) {
    super(message);
  }
}

/** 404 `not_found` naming what is missing: `notFoundError("token")` says "No such token." */
export function notFoundError(what: string): ApiError {
  return new ApiError("not_found", `No such ${what}.`);
}

/** The value, or 404 `not_found` naming `what` when there is none. */
export function orNotFound<T>(value: T | null, what: string): T {
  if (value === null) throw notFoundError(what);
  return value;
}

/** The contract's error envelope. */
export function errorBody(code: string, message: string, param: string | null = null, type?: string): ErrorBody {
  return {
    error: {
      message,
      type: type ?? ERROR_TYPE[code as ErrorCode] ?? "invalid_request_error",
      param,
      code,
    },
  };
}

/** A JSON error response in the contract's envelope. */
export function errorResponse(
  code: ErrorCode,
  message: string,
  init: { param?: string | null; status?: number; headers?: HeadersInit } = {},
): Response {
  return Response.json(errorBody(code, message, init.param ?? null), {
    status: init.status ?? ERROR_STATUS[code],
    headers: init.headers,
  });
}

/** Maps anything thrown to a response; unknown errors become a detail-free 500 and go to the log. */
export function toErrorResponse(err: unknown, requestId?: string): Response {
  if (err instanceof ApiError) {
    return errorResponse(err.code, err.message, { param: err.param, status: err.status });
  }
  log().error({ err, requestId: requestId ?? null }, "unhandled error");
  return errorResponse("internal_error", "The server had an error while processing your request.");
}

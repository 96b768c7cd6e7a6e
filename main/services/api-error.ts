// Every failure of an API call, whatever threw it (openapi-client's ResponseError, a SyntaxError from a non-JSON
// body, a socket error, a timeout), becomes one plain shape the engine can decide on and the UI can show.
import type { AppErrorShape } from '../../core/errors.ts';

export interface ApiErrorShape extends AppErrorShape {
  requestId: string | null;
  /** 0 when no HTTP response arrived. */
  httpStatus: number;
  retryable: boolean;
}

export class ApiError extends Error {
  readonly shape: ApiErrorShape;
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.shape = shape;
  }
  get code(): string {
    return this.shape.code;
  }
}

// Busy/conflict codes Terraform retries for VPN resources (reference §1.1, §5).
const RETRYABLE_CODES = new Set([
  'VpnGateway.Configuring',
  'VpnTask.CONFLICT',
  'VpnConnection.Configuring',
  'Appliance.Configuring',
  'TaskConflict',
  'OperationConflict',
  'IncorrectStatus.VpnGateway',
  'ServiceUnavailable',
  'InternalError',
  'UnknownError',
]);

export function isRetryableCode(code: string, httpStatus: number): boolean {
  return RETRYABLE_CODES.has(code) || code.includes('Throttling') || httpStatus === 429 || httpStatus >= 500 || code.startsWith('Network.');
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'Network.ConnectionRefused',
  ECONNRESET: 'Network.ConnectionReset',
  EPIPE: 'Network.ConnectionReset',
  ETIMEDOUT: 'Network.Timeout',
  ESOCKETTIMEDOUT: 'Network.Timeout',
  ENOTFOUND: 'Network.HostNotFound',
  EAI_AGAIN: 'Network.HostNotFound',
  ENETUNREACH: 'Network.Unreachable',
  EHOSTUNREACH: 'Network.Unreachable',
};

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** True for errors that mean "the service could not be reached", which is how offline is detected. */
export function isNetworkError(shape: ApiErrorShape): boolean {
  return shape.code.startsWith('Network.');
}

// SignatureDoesNotMatch carries the server's string-to-sign, i.e. every request parameter, PSKs included; the
// message is shown in the UI and written to the timeline, so that part never leaves this function.
const STRING_TO_SIGN = /(string to sign is\s*:?)[\s\S]*$/i;
// A quote as it appears in a message: plain, backslash-escaped, or percent-encoded once or more (%22, %2522).
const QUOTE = String.raw`(?:\\?"|%(?:25)*22)`;
// The value after a psk key runs to its closing quote, not to the first comma or percent sign: a PSK may contain
// , } % & and quotes, so stopping early would show the rest of it. The value may be quoted plainly, backslash-escaped
// (JSON inside a JSON string) or percent-encoded; unquoted values run to the next & or blank.
const PSK_VALUE = new RegExp(
  String.raw`(${QUOTE}?psk${QUOTE}?\s*(?::|=|%(?:25)*3A)\s*)` +
    String.raw`(?:"(?:\\.|[^"\\])*"?|\\"(?:\\\\\\"|\\\\\\\\|(?!\\")[^\n])*(?:\\")?|%(?:25)*22(?:%(?:25)*5C%(?:25)*(?:22|5C)|(?!%(?:25)*22)[^&\s])*(?:%(?:25)*22)?|[^&\s]+)`,
  'gi',
);
// Network errors from the HTTP layer (httpx) end with "POST http://host/?<query> failed.": the query holds every
// request parameter (IkeConfig with its PSK) and, depending on the signature style, AccessKeyId and SecurityToken.
const URL_QUERY = /\?[^\s?]*=[^\s]*/g;

export function redactServiceMessage(message: string): string {
  return message
    .replace(STRING_TO_SIGN, '$1 [left out: it contains the request parameters]')
    .replace(URL_QUERY, '?[query left out]')
    .replace(PSK_VALUE, '$1******');
}

/** An Alibaba Cloud error code such as `Throttling.User`: not a number, not the text "undefined" openapi-client
 * makes of a missing one. */
function isServiceCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z][\w.-]*$/.test(value) && value !== 'undefined' && value !== 'null';
}

function firstText(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.trim() !== '');
}

export function normalizeApiError(error: unknown): ApiErrorShape {
  if (error instanceof ApiError) return error.shape;
  const e = asRecord(error);
  const data = asRecord(e.data);
  // Every message is scrubbed, not only the service's: socket errors and timeouts name the request URL. httpx
  // appends "POST http://… failed." to a socket error's text with no separator ("socket hang upPOST …").
  const raw = typeof e.message === 'string' ? e.message : String(error);
  const message = redactServiceMessage(raw.replace(/(\S)((?:GET|POST) https?:\/\/\S+ failed\.)$/, '$1: $2'));
  const httpStatus = typeof e.statusCode === 'number' ? e.statusCode : typeof data.statusCode === 'number' ? data.statusCode : 0;
  const requestId = firstText(data.RequestId, data.requestId, e.requestId) ?? null;

  // The service answered with its JSON error body (openapi-client puts the parsed body, status added, in `data`).
  const answered = httpStatus > 0 && typeof e.data === 'object' && e.data !== null;
  const serviceCode = [data.Code, data.code, httpStatus > 0 ? e.code : undefined].find(isServiceCode);
  if (serviceCode !== undefined) {
    const text = firstText(data.Message, data.message) ?? message;
    return { code: serviceCode, message: redactServiceMessage(text), requestId, httpStatus, retryable: isRetryableCode(serviceCode, httpStatus) };
  }
  // An error status from something that is not the VPC API (a proxy, a gateway, a CDN, a wrong endpoint): its JSON
  // has no Alibaba Cloud Code, and openapi-client would make "undefined: code: 404, undefined request id: undefined"
  // of it. The status is the code; whatever message the body carries is kept.
  if (answered && httpStatus >= 400) {
    const nested = asRecord(data.error);
    const detail = firstText(data.Message, data.message, data.error, nested.message, data.error_description, data.msg, data.detail, data.title);
    const code = `Http.${httpStatus}`;
    return {
      code,
      message: redactServiceMessage(`HTTP ${httpStatus}, not an answer of the VPC API${detail ? `: ${detail.slice(0, 300)}` : '.'}`),
      requestId,
      httpStatus,
      retryable: isRetryableCode(code, httpStatus),
    };
  }
  // A body that is not JSON (an HTML 502 page from a proxy, a truncated response).
  if (error instanceof SyntaxError) {
    return { code: 'Api.MalformedResponse', message: `The service answered with something that is not JSON (${message}).`, requestId: null, httpStatus, retryable: true };
  }
  const sysCode = typeof e.code === 'string' ? e.code : '';
  const name = typeof e.name === 'string' ? e.name : '';
  if (NETWORK_CODES[sysCode]) {
    return { code: NETWORK_CODES[sysCode], message, requestId: null, httpStatus: 0, retryable: true };
  }
  if (/timeout/i.test(name) || /timeout|timed out/i.test(message)) {
    return { code: 'Network.Timeout', message, requestId: null, httpStatus: 0, retryable: true };
  }
  if (/socket hang up|ECONNRESET|network|ECONNREFUSED/i.test(message)) {
    return { code: /ECONNREFUSED/.test(message) ? 'Network.ConnectionRefused' : 'Network.ConnectionReset', message, requestId: null, httpStatus: 0, retryable: true };
  }
  if (httpStatus >= 500) return { code: `Http.${httpStatus}`, message, requestId, httpStatus, retryable: true };
  return { code: 'Api.Unknown', message, requestId, httpStatus, retryable: false };
}

/**
 * The request parameter an API error is about, as a model path: `IllegalParam.LocalSubnet` → `LocalSubnet`,
 * `InvalidTunnelCidr.Malformed` → the changed path ending in `TunnelCidr` (e.g. `TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr`).
 */
export function fieldForApiError(code: string, changedPaths: readonly string[]): string | undefined {
  let key: string | undefined;
  let m: RegExpExecArray | null;
  if (code === 'InvalidName') key = 'Name';
  else if ((m = /^IllegalParam\.(\w+)$/.exec(code))) key = m[1];
  else if ((m = /^MissingParameter\.(\w+)$/.exec(code))) key = m[1];
  else if ((m = /^Missing(\w+)$/.exec(code))) key = m[1];
  else if ((m = /^Invalid(\w+?)\.(Malformed|Invalid|Format)$/.exec(code))) key = m[1];
  else if ((m = /^NotSupportVpnConnectionParameter\.(\w+)$/.exec(code))) key = m[1];
  else if (code === 'ModifyIkeV1WithMultiRoutes.Invalid') key = 'IkeVersion';
  else if (code.startsWith('VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs')) key = 'Psk';
  else if (code.startsWith('VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap')) key = 'LocalSubnet';
  // Older gateway versions refuse the switch itself: the error sits next to it.
  else if (code === 'OperationUnsupported.SetDPD') key = 'EnableDpd';
  else if (code === 'OperationUnsupported.SetNatTraversal') key = 'EnableNatTraversal';
  else if (code === 'OperationUnsupported.EnableBgp') key = changedPaths.includes('EnableTunnelsBgp') ? 'EnableTunnelsBgp' : 'EnableBgp';
  if (!key) return undefined;
  const exact = changedPaths.find((p) => p === key || p.endsWith(`.${key}`));
  if (exact) return exact;
  return key;
}

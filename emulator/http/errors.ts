// Every failure leaves the emulator as this JSON shape, because the SDK JSON-parses any 4xx/5xx body and a
// non-JSON body would surface in the app as a SyntaxError instead of an API error code.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const HOST_ID = 'vpc.aliyuncs.com';

export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

export function errorBody(requestId: string, code: string, message: string): ErrorBody {
  return {
    RequestId: requestId,
    HostId: HOST_ID,
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Vpc&requestId=${requestId}`,
  };
}

export const badParam = (code: string, message: string): ApiError => new ApiError(400, code, message);

export function missing(name: string): ApiError {
  return new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`);
}

export function invalidParameter(name: string, detail?: string): ApiError {
  return new ApiError(
    400,
    'InvalidParameter',
    `The specified parameter "${name}" is not valid.${detail ? ` ${detail}` : ''}`,
  );
}

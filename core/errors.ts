// The one error shape that crosses the IPC boundary (and the e2e bridge): plain JSON, never an Error instance,
// because structured clone drops custom fields of Error objects.

export interface AppErrorShape {
  /** Stable machine code: an Alibaba API code (e.g. `VpnGateway.Configuring`) or an app code (`Ipc.InvalidPayload`). */
  code: string;
  message: string;
  /** API parameter path of the field the error is about (e.g. `IkeConfig.Psk`), when there is one. */
  field?: string;
  /** What the wording of `code` fills in (core/i18n: `{name}` placeholders); the renderer words errors by code. */
  params?: Record<string, string | number>;
}

/** Thrown inside main-side services; the dispatcher turns it into an {@link AppErrorShape}. */
export class AppError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly params: Record<string, string | number> | undefined;

  constructor(code: string, message: string, field?: string, params?: Record<string, string | number>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
    this.params = params;
  }

  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.field !== undefined && { field: this.field }),
      ...(this.params !== undefined && { params: this.params }),
    };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    typeof candidate.message === 'string' &&
    (candidate.field === undefined || typeof candidate.field === 'string') &&
    (candidate.params === undefined || isParams(candidate.params))
  );
}

function isParams(value: unknown): value is Record<string, string | number> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}

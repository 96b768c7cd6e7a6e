// The one error shape that crosses the IPC boundary (and the e2e bridge): plain JSON, never an Error instance,
// because structured clone drops custom fields of Error objects.

export interface AppErrorShape {
  /** Stable machine code: an Alibaba API code (e.g. `VpnGateway.Configuring`) or an app code (`Ipc.InvalidPayload`). */
  code: string;
  message: string;
  /** API parameter path of the field the error is about (e.g. `IkeConfig.Psk`), when there is one. */
  field?: string;
}

/** Thrown inside main-side services; the dispatcher turns it into an {@link AppErrorShape}. */
export class AppError extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }

  toShape(): AppErrorShape {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    typeof candidate.message === 'string' &&
    (candidate.field === undefined || typeof candidate.field === 'string')
  );
}

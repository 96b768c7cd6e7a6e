// One line of the e2e IPC log: the call and main's reply. The reply travels as JSON text; it is parsed only when a
// test reads it, so logging costs the benchmarks nothing.
export interface IpcLogEntry {
  method: string;
  args: unknown;
  readonly reply: unknown;
}

export function logEntry(method: string, args: unknown, text: string): IpcLogEntry {
  let parsed: unknown;
  return {
    method,
    args,
    get reply() {
      parsed ??= JSON.parse(text);
      return parsed;
    },
  };
}

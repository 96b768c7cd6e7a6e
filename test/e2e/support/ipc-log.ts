// One line of the e2e IPC log: the call and main's reply. The reply travels as JSON text; it is parsed only when a
// test reads it, so logging costs the benchmarks nothing.
export interface IpcLogEntry {
  method: string;
  args: unknown;
  readonly reply: unknown;
  /** Time main took to answer (dispatch, handler and serialising the reply), ms. */
  mainMs: number;
  /** Size of the reply text, characters. */
  replyChars: number;
}

export function logEntry(method: string, args: unknown, text: string, mainMs = 0): IpcLogEntry {
  let parsed: unknown;
  return {
    method,
    args,
    mainMs,
    replyChars: text.length,
    get reply() {
      parsed ??= JSON.parse(text);
      return parsed;
    },
  };
}

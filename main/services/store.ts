// The persistence seam. Services see a small key-value interface; underneath it is `conf` (tests, e2e) or
// `electron-store` (the app, which is conf plus Electron paths), so both run the same engine: JSON files written
// atomically (temp file + rename). What this module adds: a file that cannot be parsed is moved aside and
// reported instead of wiped, a record the store's own check refuses is set aside the same way while the others
// load, every store carries a schema version upgraded by pure, tested migrations, and what a service reads
// changes only once the disk holds it (a write the disk refuses is an error the user can read, memory untouched).
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type * as z from 'zod';
import { AppError } from '../../core/errors.ts';

/** The slice of conf / electron-store the services use. */
export interface ConfLike {
  readonly path: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  has(key: string): boolean;
  readonly store: Record<string, unknown>;
}

/** Opens (or creates) `<dataDir>/<name>.json`. */
export type ConfFactory = (options: { name: string; cwd: string }) => ConfLike;

export const openConf: ConfFactory = ({ name, cwd }) =>
  new Conf<Record<string, unknown>>({
    cwd,
    configName: name,
    clearInvalidConfig: false,
    // Keys are ids like `vco-abc.def`; dots are data, not paths.
    accessPropertiesByDotNotation: false,
  }) as unknown as ConfLike;

export interface KeyValueStore {
  readonly filePath: string;
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  keys(): string[];
  /** Runs `work` with its writes held back, then writes the file once (one atomic write for all of them). */
  batch<T>(work: () => T): T;
}

/**
 * Nestable write batching: while `held`, writes wait. The outermost `run` starts with `onBegin` and ends with
 * `onEnd(completed)`: `completed` is false when the work threw, and then nothing it wrote may reach the disk (a
 * batch is all or nothing: a half-queued batch of applies must not leave jobs behind).
 */
export function createBatching(onEnd: (completed: boolean) => void, onBegin: () => void = () => undefined) {
  let depth = 0;
  return {
    get held() {
      return depth > 0;
    },
    run<T>(work: () => T): T {
      if (depth === 0) onBegin();
      depth += 1;
      let completed = false;
      try {
        const result = work();
        completed = true;
        return result;
      } finally {
        depth -= 1;
        if (depth === 0) onEnd(completed);
      }
    },
  };
}

/** What the data folder's file system said when a write failed, in the words the user needs. */
export function storageError(error: unknown, target: string): AppError {
  if (error instanceof AppError) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code ?? 'unknown';
  const folder = path.dirname(target);
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') {
    return new AppError('Storage.ReadOnly', `The data folder cannot be written (${errno}: ${folder}). Nothing was saved; make the folder writable and try again.`);
  }
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    return new AppError('Storage.Full', `The disk holding the data folder is full (${errno}: ${folder}). Nothing was saved; free some space and try again.`);
  }
  return new AppError('Storage.WriteFailed', `The data folder could not be written (${errno}: ${folder}). Nothing was saved.`);
}

/** Pure function from the data at version N-1 to version N. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/** A record's verdict: fine, or damaged with the reason and, when part of it can be saved, what the store keeps. */
export type RecordCheck = { ok: true } | { ok: false; reason: string; keep?: unknown };

export interface StoreSpec {
  name: string;
  /** Current schema version; data written by a newer app is refused rather than downgraded. */
  version: number;
  /** migrations[n] upgrades data from version n to n + 1 (index 0 upgrades unversioned data). */
  migrations: readonly Migration[];
  /** Checks one record (at the current version) when the store opens: a damaged one is set aside, the rest load. */
  check?(key: string, value: unknown): RecordCheck;
}

export const RECORD_OK: RecordCheck = { ok: true };

/** A record checked against a schema, its first problem as the reason (paths only: values may be secrets). */
export function recordMatches(schema: z.ZodType, value: unknown): RecordCheck {
  const result = schema.safeParse(value);
  if (result.success) return RECORD_OK;
  const first = result.error.issues[0];
  return { ok: false, reason: first ? `${first.path.map(String).join('.') || 'record'}: ${first.code}` : 'malformed' };
}

export interface StoreNotice {
  level: 'info' | 'warning' | 'error';
  code: string;
  message: string;
}

export interface OpenStoreOptions {
  dataDir: string;
  factory?: ConfFactory;
  now?: () => Date;
  notify?: (notice: StoreNotice) => void;
}

const VERSION_KEY = '__schemaVersion';

/** Runs migrations from `from` up to `spec.version`; pure (the input is not changed). */
export function migrate(data: Record<string, unknown>, from: number, spec: Pick<StoreSpec, 'version' | 'migrations'>): Record<string, unknown> {
  if (from > spec.version) throw new Error(`store written by a newer version (schema ${from} > ${spec.version})`);
  let current = structuredClone(data);
  for (let v = from; v < spec.version; v++) {
    const step = spec.migrations[v];
    if (!step) throw new Error(`no migration from schema ${v} to ${v + 1}`);
    current = step(current);
  }
  return current;
}

function fileTime(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Moves an unreadable store file aside (never deletes it) and returns where it went; throws when it cannot. */
export function quarantine(filePath: string, now: Date): string {
  const target = filePath.replace(/\.json$/, '') + `.corrupt-${fileTime(now)}.json`;
  fs.renameSync(filePath, target);
  return target;
}

/** Writes records a check refused to a new file beside the store, `<name>.corrupt-records-<time>.json`, in the
 * store's own layout (so they can be put back by hand); throws when it cannot. */
export function setRecordsAside(storePath: string, records: Record<string, unknown>, version: number, now: Date): string {
  const target = storePath.replace(/\.json$/, '') + `.corrupt-records-${fileTime(now)}.json`;
  fs.writeFileSync(target, JSON.stringify({ [VERSION_KEY]: version, ...records }, null, 2), { flag: 'wx', mode: 0o600 });
  return target;
}

/** A file of the data folder that could not be moved or written, as a short reason for a notice. */
const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code ?? (error as Error | null)?.message ?? 'unknown error';

/** Runs each record through the spec's check: what stays, and what goes aside (the original values) with why. */
export function checkRecords(spec: StoreSpec, entries: Iterable<[string, unknown]>) {
  const kept = new Map<string, unknown>();
  const damaged = new Map<string, { value: unknown; reason: string }>();
  for (const [key, value] of entries) {
    let verdict: RecordCheck;
    try {
      verdict = spec.check ? spec.check(key, value) : RECORD_OK;
    } catch (error) {
      verdict = { ok: false, reason: (error as Error).message };
    }
    if (verdict.ok) {
      kept.set(key, value);
      continue;
    }
    damaged.set(key, { value, reason: verdict.reason });
    if (verdict.keep !== undefined) kept.set(key, verdict.keep);
  }
  return { kept, damaged };
}

function readableJson(filePath: string): { ok: true; data: Record<string, unknown> | null } | { ok: false; reason: string } {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, data: null };
    // Not readable as a file at all (a folder in its place, no read permission): set aside like a damaged one.
    return { ok: false, reason: errnoOf(error) };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'not a JSON object' };
    return { ok: true, data: parsed as Record<string, unknown> };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

export function openStore(spec: StoreSpec, options: OpenStoreOptions): KeyValueStore {
  const factory = options.factory ?? openConf;
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(options.dataDir, { recursive: true });
  const filePath = path.join(options.dataDir, `${spec.name}.json`);

  // When the file cannot be read nor moved aside (a read-only folder), the app starts without it: nothing may be
  // written over it, so every write of this store is refused with the reason.
  let blocked: AppError | null = null;
  const setAside = (reason: string) => {
    try {
      const moved = quarantine(filePath, now());
      options.notify?.({
        level: 'warning',
        code: 'Store.Quarantined',
        message: `The ${spec.name} file could not be read (${reason}). It was kept as ${path.basename(moved)} and a new one was started.`,
      });
    } catch (error) {
      blocked = storageError(error, filePath);
      options.notify?.({
        level: 'error',
        code: 'Store.QuarantineFailed',
        message: `The ${spec.name} file could not be read (${reason}) nor set aside (${errnoOf(error)}). It was left as it is; until the data folder can be written, nothing of this kind is saved.`,
      });
    }
  };

  // Checked before conf sees the file: conf would either throw (clearInvalidConfig false) or wipe it (true).
  const existing = readableJson(filePath);
  if (!existing.ok) setAside(existing.reason);

  let from = 0;
  let data: Record<string, unknown> | null = existing.ok ? existing.data : null;
  if (data) {
    const v = data[VERSION_KEY];
    from = typeof v === 'number' ? v : 0;
    if (from > spec.version) {
      // A newer app wrote it: keep the file intact for that app and work on a fresh one.
      setAside(`schema ${from} is newer than this app's ${spec.version}`);
      data = null;
    } else if (from < spec.version) {
      const { [VERSION_KEY]: _drop, ...body } = data;
      try {
        data = { ...migrate(body, from, spec), [VERSION_KEY]: spec.version };
      } catch (error) {
        setAside(`migration failed: ${(error as Error).message}`);
        data = null;
      }
    }
  }

  // Records the check refuses leave the store for a file beside it. If that file cannot be written, they stay in
  // the store file untouched (written back with every write) and are simply not seen.
  let hidden: Record<string, unknown> = {};
  let rewrite = data !== null && from < spec.version;
  if (data) {
    const { [VERSION_KEY]: version, ...records } = data;
    const { kept, damaged } = checkRecords(spec, Object.entries(records));
    if (damaged.size > 0) {
      const originals = Object.fromEntries([...damaged].map(([k, d]) => [k, d.value]));
      const reasons = [...damaged].map(([k, d]) => `${k}: ${d.reason}`).join('; ');
      try {
        const aside = setRecordsAside(filePath, originals, spec.version, now());
        rewrite = true;
        options.notify?.({
          level: 'warning',
          code: 'Store.RecordsQuarantined',
          message: `${damaged.size} record(s) of the ${spec.name} file could not be used (${reasons}). They were kept in ${path.basename(aside)}; the others are loaded.`,
        });
      } catch (error) {
        hidden = originals;
        options.notify?.({
          level: 'warning',
          code: 'Store.RecordsQuarantined',
          message: `${damaged.size} record(s) of the ${spec.name} file could not be used (${reasons}) nor set aside (${errnoOf(error)}). They are left in the file untouched; the others are loaded.`,
        });
      }
    }
    data = { ...Object.fromEntries(kept), [VERSION_KEY]: version };
  }

  const conf: ConfLike | null = blocked ? null : factory({ name: spec.name, cwd: options.dataDir });
  const confPath = conf?.path ?? filePath;
  const write = (next: Record<string, unknown>, nextHidden: Record<string, unknown>) => {
    if (blocked) throw blocked;
    try {
      (conf as { store: Record<string, unknown> }).store = { ...next, ...nextHidden };
    } catch (error) {
      throw storageError(error, confPath);
    }
  };

  // conf re-reads and re-parses the whole file on every get and set (to merge other processes' writes). This app is
  // a single instance, so the file is read once and mirrored in memory: reads never touch the disk, and each write
  // is one whole-file atomic write. Values are cloned on the way in and out so callers cannot edit the mirror.
  // Without data the file is absent, was just set aside, or is left untouched (blocked): a fresh store either way.
  let mirror: Record<string, unknown> = data ?? { [VERSION_KEY]: spec.version };
  if (conf && (rewrite || !data)) {
    // Migrations and set-aside records are written once, whole, atomically. A folder that cannot be written does not
    // stop the start: the data is held as read, and the first change the user makes reports why it cannot be saved.
    try {
      write(mirror, hidden);
    } catch {
      // Reported on the first write that matters to the user.
    }
  }

  // A batch changes the mirror as it goes (its own reads see its writes) and writes once at its end; if the work
  // throws or the write fails, the mirror goes back to what it was before the batch.
  let beforeBatch: { mirror: Record<string, unknown>; hidden: Record<string, unknown> } | null = null;
  let dirty = false;
  const batching = createBatching(
    (completed) => {
      const before = beforeBatch!;
      beforeBatch = null;
      const wrote = dirty;
      dirty = false;
      if (!completed) {
        mirror = before.mirror;
        hidden = before.hidden;
        return;
      }
      if (!wrote) return;
      try {
        write(mirror, hidden);
      } catch (error) {
        mirror = before.mirror;
        hidden = before.hidden;
        throw error;
      }
    },
    () => {
      beforeBatch = { mirror: { ...mirror }, hidden: { ...hidden } };
    },
  );
  /** Applies a change to one key: in place inside a batch (its start was copied), else on a copy that becomes the
   * mirror only once it is on disk. A key written again drops the damaged original held for it. */
  const change = (key: string, next: (target: Record<string, unknown>) => void) => {
    if (batching.held) {
      next(mirror);
      delete hidden[key];
      dirty = true;
      return;
    }
    const nextMirror = { ...mirror };
    next(nextMirror);
    const { [key]: _replaced, ...nextHidden } = hidden;
    write(nextMirror, nextHidden);
    mirror = nextMirror;
    hidden = nextHidden;
  };

  return {
    filePath: confPath,
    get<T>(key: string) {
      return Object.prototype.hasOwnProperty.call(mirror, key) ? (structuredClone(mirror[key]) as T) : undefined;
    },
    set(key, value) {
      const copy = structuredClone(value);
      change(key, (m) => {
        m[key] = copy;
      });
    },
    delete(key) {
      if (!Object.prototype.hasOwnProperty.call(mirror, key)) return;
      change(key, (m) => {
        delete m[key];
      });
    },
    keys() {
      return Object.keys(mirror).filter((k) => k !== VERSION_KEY);
    },
    batch: (work) => batching.run(work),
  };
}

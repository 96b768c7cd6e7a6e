// The persistence seam. Services see a small key-value interface; underneath it is `conf` (tests, e2e) or
// `electron-store` (the app, which is conf plus Electron paths), so both run the same engine: JSON files written
// atomically (temp file + rename). What this module adds: a file that cannot be parsed is moved aside and
// reported instead of wiped, and every store carries a schema version upgraded by pure, tested migrations.
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';

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

/** Nestable write batching: while `held`, writes wait; the outermost `run` ends by calling `onEnd`. */
export function createBatching(onEnd: () => void) {
  let depth = 0;
  return {
    get held() {
      return depth > 0;
    },
    run<T>(work: () => T): T {
      depth += 1;
      try {
        return work();
      } finally {
        depth -= 1;
        if (depth === 0) onEnd();
      }
    },
  };
}

/** Pure function from the data at version N-1 to version N. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

export interface StoreSpec {
  name: string;
  /** Current schema version; data written by a newer app is refused rather than downgraded. */
  version: number;
  /** migrations[n] upgrades data from version n to n + 1 (index 0 upgrades unversioned data). */
  migrations: readonly Migration[];
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

/** Moves an unreadable store file aside (never deletes it) and returns where it went. */
export function quarantine(filePath: string, now: Date): string {
  const target = filePath.replace(/\.json$/, '') + `.corrupt-${fileTime(now)}.json`;
  fs.renameSync(filePath, target);
  return target;
}

function readableJson(filePath: string): { ok: true; data: Record<string, unknown> | null } | { ok: false; reason: string } {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, data: null };
    throw error;
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

  const setAside = (reason: string) => {
    const moved = quarantine(filePath, now());
    options.notify?.({
      level: 'warning',
      code: 'Store.Quarantined',
      message: `The ${spec.name} file could not be read (${reason}). It was kept as ${path.basename(moved)} and a new one was started.`,
    });
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

  const conf = factory({ name: spec.name, cwd: options.dataDir });
  if (data && from < spec.version) {
    // Migrations write once, whole, atomically.
    (conf as { store: Record<string, unknown> }).store = data;
  } else if (!data) {
    conf.set(VERSION_KEY, spec.version);
  }

  // conf re-reads and re-parses the whole file on every get and set (to merge other processes' writes). This app is
  // a single instance, so the file is read once and mirrored in memory: reads never touch the disk, and each write
  // is one whole-file atomic write. Values are cloned on the way in and out so callers cannot edit the mirror.
  const mirror: Record<string, unknown> = { ...conf.store };
  let dirty = false;
  const batching = createBatching(() => {
    if (dirty) writeBack();
  });
  const writeBack = () => {
    dirty = batching.held;
    if (!dirty) (conf as { store: Record<string, unknown> }).store = mirror;
  };

  return {
    filePath: conf.path,
    get<T>(key: string) {
      return Object.prototype.hasOwnProperty.call(mirror, key) ? (structuredClone(mirror[key]) as T) : undefined;
    },
    set(key, value) {
      mirror[key] = structuredClone(value);
      writeBack();
    },
    delete(key) {
      if (!Object.prototype.hasOwnProperty.call(mirror, key)) return;
      delete mirror[key];
      writeBack();
    },
    keys() {
      return Object.keys(mirror).filter((k) => k !== VERSION_KEY);
    },
    batch: (work) => batching.run(work),
  };
}

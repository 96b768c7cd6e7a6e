// A key-value store that keeps one small file per key: `<dataDir>/<name>/<key>.json`. The apply journal writes a
// job several times while it runs; in one shared file every write re-read, re-checked and rewrote every job ever
// run (1.3 ms with 40 jobs, growing with history), while a record file costs the same small write at any history
// size. Each write is atomic and durable (temp file, fsync, rename), and memory follows only a write that made it.
// A record that cannot be read, or that the spec's check refuses, is set aside and reported, and the others load
// (one that cannot even be moved is left where it is and skipped); a store written by the one-file layout is moved
// over once, then kept aside.
import fs from 'node:fs';
import path from 'node:path';
import { checkRecords, createBatching, migrate, openStore, quarantine, storageError, type KeyValueStore, type OpenStoreOptions, type StoreSpec } from './store.ts';

const SUFFIX = '.json';

/** Keys are ids like `job:…`: safe as file names once encoded (no separators, no leading dot). */
const fileOf = (key: string) => `${encodeURIComponent(key).replace(/^\./, '%2E')}${SUFFIX}`;
const keyOf = (file: string) => decodeURIComponent(file.slice(0, -SUFFIX.length));

function writeDurably(filePath: string, text: string): void {
  const temp = `${filePath}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, filePath);
  } catch (error) {
    // A full disk stops the write part-way: the record file keeps its previous value, and the half-written
    // temp file goes (a start would clear it anyway).
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The write's own error is the one to report.
    }
    throw error;
  }
}

interface RecordFile {
  version: number;
  value: unknown;
}

function isRecordFile(value: unknown): value is RecordFile {
  return value !== null && typeof value === 'object' && typeof (value as RecordFile).version === 'number' && 'value' in value;
}

export function openRecordStore(spec: StoreSpec, options: OpenStoreOptions): KeyValueStore {
  const now = options.now ?? (() => new Date());
  const dir = path.join(options.dataDir, spec.name);
  fs.mkdirSync(dir, { recursive: true });
  const mirror = new Map<string, unknown>();
  const setAside = (filePath: string, reason: string): boolean => {
    try {
      const moved = quarantine(filePath, now());
      options.notify?.({
        level: 'warning',
        code: 'Store.Quarantined',
        message: `A ${spec.name} record could not be read (${reason}). It was kept as ${path.basename(moved)}; the other records are loaded.`,
      });
      return true;
    } catch (error) {
      options.notify?.({
        level: 'warning',
        code: 'Store.QuarantineFailed',
        message: `A ${spec.name} record (${path.basename(filePath)}) could not be read (${reason}) nor set aside (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). It was left as it is; the other records are loaded.`,
      });
      return false;
    }
  };
  const pathOf = (key: string) => path.join(dir, fileOf(key));
  const write = (key: string, value: unknown) => {
    try {
      writeDurably(pathOf(key), JSON.stringify({ version: spec.version, value } satisfies RecordFile));
    } catch (error) {
      throw storageError(error, pathOf(key));
    }
  };
  const remove = (key: string) => {
    try {
      fs.rmSync(pathOf(key), { force: true });
    } catch (error) {
      throw storageError(error, pathOf(key));
    }
  };
  /** A start that cannot write (a read-only folder) still loads: what could not be written is held as read. */
  const writeIfPossible = (key: string, value: unknown) => {
    try {
      write(key, value);
      return true;
    } catch {
      return false;
    }
  };
  /** Takes a record read at the current version (`upgraded`: not yet written so), unless the spec's check refuses
   * it; a refused one is set aside, and what the check keeps of it, if anything, is written afresh. */
  const admit = (key: string, value: unknown, filePath: string, upgraded: boolean) => {
    const { kept, damaged } = checkRecords(spec, [[key, value]]);
    const verdict = damaged.get(key);
    // A refused record that cannot be moved is left as it is, and skipped.
    if (verdict && !setAside(filePath, verdict.reason)) return;
    if (!kept.has(key)) return;
    mirror.set(key, kept.get(key));
    if (verdict || upgraded) writeIfPossible(key, kept.get(key));
  };

  for (const file of fs.readdirSync(dir)) {
    if (file.endsWith('.tmp')) {
      // A write that stopped before its rename: the record file, if any, still holds the previous value.
      try {
        fs.rmSync(path.join(dir, file), { force: true });
      } catch {
        // A read-only folder: left for a later start.
      }
      continue;
    }
    if (!file.endsWith(SUFFIX) || file.includes('.corrupt-')) continue;
    const filePath = path.join(dir, file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(filePath, 'utf8'));
    } catch (error) {
      setAside(filePath, (error as Error).message);
      continue;
    }
    if (!isRecordFile(parsed)) {
      setAside(filePath, 'not a record');
      continue;
    }
    if (parsed.version > spec.version) {
      setAside(filePath, `schema ${parsed.version} is newer than this app's ${spec.version}`);
      continue;
    }
    const key = keyOf(file);
    if (parsed.version < spec.version) {
      let upgraded: unknown;
      try {
        upgraded = migrate({ [key]: parsed.value }, parsed.version, spec)[key];
      } catch (error) {
        setAside(filePath, `migration failed: ${(error as Error).message}`);
        continue;
      }
      admit(key, upgraded, filePath, true);
    } else {
      admit(key, parsed.value, filePath, false);
    }
  }

  // The one-file layout of earlier versions: its records move here once; the file is kept, renamed, as a backup.
  const legacyPath = path.join(options.dataDir, `${spec.name}.json`);
  if (fs.existsSync(legacyPath)) {
    const legacy = openStore(spec, options);
    let moved = true;
    for (const key of legacy.keys()) {
      if (mirror.has(key)) continue;
      const value = legacy.get(key);
      if (!writeIfPossible(key, value)) moved = false;
      mirror.set(key, value);
    }
    // Renamed only once every record is in its own file: otherwise the next start moves them again.
    if (moved && fs.existsSync(legacyPath)) {
      try {
        fs.renameSync(legacyPath, `${legacyPath}.moved-to-${spec.name}-folder`);
      } catch {
        // A read-only folder: the records load from the old file again next time.
      }
    }
  }

  // A batch writes its keys at its end. Each key's value before the batch is remembered, so that a batch whose work
  // throws, or whose writes fail part-way, leaves memory and disk as they were.
  const pending = new Set<string>();
  const before = new Map<string, { had: boolean; value: unknown }>();
  const restore = (key: string) => {
    const was = before.get(key)!;
    if (was.had) mirror.set(key, was.value);
    else mirror.delete(key);
  };
  const batching = createBatching((completed) => {
    const keys = [...pending];
    pending.clear();
    try {
      if (!completed) {
        for (const key of keys) restore(key);
        return;
      }
      const done: string[] = [];
      try {
        for (const key of keys) {
          if (mirror.has(key)) write(key, mirror.get(key));
          else remove(key);
          done.push(key);
        }
      } catch (error) {
        for (const key of keys) restore(key);
        for (const key of done) {
          try {
            if (mirror.has(key)) write(key, mirror.get(key));
            else remove(key);
          } catch {
            // Best effort: the disk refused the batch, and may refuse putting it back.
          }
        }
        throw error;
      }
    } finally {
      before.clear();
    }
  });
  const change = (key: string, next: { had: true; value: unknown } | { had: false }) => {
    if (batching.held) {
      if (!before.has(key)) before.set(key, { had: mirror.has(key), value: mirror.get(key) });
      pending.add(key);
    } else if (next.had) {
      write(key, next.value);
    } else {
      remove(key);
    }
    if (next.had) mirror.set(key, next.value);
    else mirror.delete(key);
  };

  return {
    filePath: dir,
    get<T>(key: string) {
      return mirror.has(key) ? (structuredClone(mirror.get(key)) as T) : undefined;
    },
    set(key, value) {
      change(key, { had: true, value: structuredClone(value) });
    },
    delete(key) {
      if (!mirror.has(key)) return;
      change(key, { had: false });
    },
    keys: () => [...mirror.keys()],
    batch: (work) => batching.run(work),
  };
}

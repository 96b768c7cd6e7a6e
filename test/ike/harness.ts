// Two real strongSwan daemons (charon 5.9) in two network namespaces joined by a veth pair: the "cloud" end
// (responder) and the "device" end (initiator). Configurations are loaded with swanctl (its parser is part of what is
// proven); everything else goes over VICI. Follows the measurements in ../shared/reference/strongswan-netns.md; each
// pitfall listed there is handled where a comment says so.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHARON = '/usr/lib/ipsec/charon';

export type Side = 'cloud' | 'device';

export interface InstalledTs {
  local: string[];
  remote: string[];
}

export interface NegotiationOutcome {
  /** Both daemons hold an ESTABLISHED IKE_SA. */
  ike: 'up' | 'down';
  /** Both daemons hold an INSTALLED CHILD_SA. */
  child: 'up' | 'down';
  /** The device's installed selectors (after any narrowing), when the CHILD is up. */
  installedTs?: InstalledTs;
  /** The charon log lines both daemons wrote during this negotiation, each prefixed with its side. */
  log: string;
}

export interface NegotiateOptions {
  /** The device's CHILD to initiate (e.g. `alibaba-net`). */
  child: string;
  /** How long the device's `initiate` may take (default 15 s; an IKEv1 PSK mismatch ends by timeout in ~1.5 s). */
  timeoutMs?: number;
}

export interface RekeyOutcome {
  /** A new CHILD_SA replaced the old one on both ends. */
  survived: boolean;
  log: string;
}

export interface IkePair {
  namespaces: Record<Side, string>;
  cloudAddress: string;
  deviceAddress: string;
  negotiate(cloudConf: string, deviceConf: string, opts: NegotiateOptions): Promise<NegotiationOutcome>;
  /** Forces a rekey of the device's CHILD_SA `name`; IKEv2 PFS mismatches only show here. */
  rekeyChild(name: string): Promise<RekeyOutcome>;
  /** Kills both daemons and deletes the namespaces (and the veth with them). Safe to call twice. */
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------- processes

function run(cmd: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { env: options.env ?? process.env, timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

async function mustRun(cmd: string, args: readonly string[], input?: string): Promise<string> {
  const r = await run(cmd, args, input === undefined ? {} : { input });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
  return r.stdout;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------- availability

/** Why the real-IKE layer cannot run here, or undefined when it can. */
export async function ikeAvailable(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root: network namespaces need root';
  if (!existsSync(CHARON)) return `no strongSwan daemon at ${CHARON} (apt-get install strongswan-charon strongswan-swanctl libstrongswan-standard-plugins libcharon-extra-plugins)`;
  // `swanctl --help` exits 1 by design; a missing binary is ENOENT, which execFile reports with stderr empty.
  const swanctl = await run('swanctl', ['--help']);
  if (!/swanctl/.test(swanctl.stdout + swanctl.stderr)) return 'no swanctl on PATH (apt-get install strongswan-swanctl)';
  if (!existsSync('/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so')) return 'no kernel-libipsec plugin (apt-get install libcharon-extra-plugins)';
  if (!existsSync('/dev/net/tun')) return 'no /dev/net/tun: kernel-libipsec needs a TUN device';
  const ip = await run('ip', ['netns', 'list']);
  if (ip.code !== 0) return `no \`ip netns\`: ${ip.stderr.trim() || 'iproute2 missing'}`;
  const probe = `ikeprobe-${process.pid}`;
  const add = await run('ip', ['netns', 'add', probe]);
  if (add.code !== 0) return `cannot create a network namespace: ${add.stderr.trim()}`;
  const inside = await run('ip', ['netns', 'exec', probe, 'unshare', '-m', '--propagation', 'private', 'true']);
  await run('ip', ['netns', 'del', probe]);
  if (inside.code !== 0) return `cannot enter a namespace with a private mount namespace: ${inside.stderr.trim()}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------- VICI

// A minimal client of strongSwan's VICI protocol (src/libcharon/plugins/vici/README.md): every swanctl process costs
// 30-50 ms of plugin loading on this machine, so everything except loading the configuration files (which must go
// through swanctl's own parser, that is the point) talks to the daemons over their sockets directly.
// Packet: u32 length, u8 type, [u8 name length, name], message. Message elements: SECTION_START(1) name,
// SECTION_END(2), KEY_VALUE(3) name + u16 length value, LIST_START(4) name, LIST_ITEM(5) u16 length value, LIST_END(6).
type ViciValue = string | string[] | ViciMessage;
export interface ViciMessage {
  [key: string]: ViciValue;
}
const CMD_REQUEST = 0;
const CMD_RESPONSE = 1;
const CMD_UNKNOWN = 2;
const EVENT_REGISTER = 3;
const EVENT_CONFIRM = 5;
const EVENT_UNKNOWN = 6;
const EVENT = 7;

function encodeMessage(message: Record<string, string | string[]>): Buffer {
  const parts: Buffer[] = [];
  const name = (n: string) => {
    const b = Buffer.from(n);
    return Buffer.concat([Buffer.from([b.length]), b]);
  };
  const value = (v: string) => {
    const b = Buffer.from(v);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(b.length);
    return Buffer.concat([len, b]);
  };
  for (const [key, v] of Object.entries(message)) {
    if (Array.isArray(v)) {
      parts.push(Buffer.from([4]), name(key));
      for (const item of v) parts.push(Buffer.from([5]), value(item));
      parts.push(Buffer.from([6]));
    } else parts.push(Buffer.from([3]), name(key), value(v));
  }
  return Buffer.concat(parts);
}

function decodeMessage(buf: Buffer): ViciMessage {
  const root: ViciMessage = {};
  const stack: ViciMessage[] = [root];
  let list: string[] | undefined;
  let i = 0;
  const readName = () => {
    const len = buf[i++]!;
    const n = buf.toString('utf8', i, i + len);
    i += len;
    return n;
  };
  const readValue = () => {
    const len = buf.readUInt16BE(i);
    i += 2;
    const v = buf.toString('utf8', i, i + len);
    i += len;
    return v;
  };
  while (i < buf.length) {
    const type = buf[i++]!;
    const top = stack[stack.length - 1]!;
    if (type === 1) {
      const section: ViciMessage = {};
      top[readName()] = section;
      stack.push(section);
    } else if (type === 2) stack.pop();
    else if (type === 3) {
      const key = readName();
      top[key] = readValue();
    } else if (type === 4) {
      list = [];
      top[readName()] = list;
    } else if (type === 5) list?.push(readValue());
    else if (type === 6) list = undefined;
    else throw new Error(`VICI: unknown message element ${type}`);
  }
  return root;
}

class Vici {
  private buffer = Buffer.alloc(0);
  private readonly packets: Array<{ type: number; name: string; message: ViciMessage }> = [];
  private waiter: (() => void) | undefined;
  private closed: Error | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  private readonly socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (data) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      while (this.buffer.length >= 4) {
        const len = this.buffer.readUInt32BE(0);
        if (this.buffer.length < 4 + len) break;
        const packet = this.buffer.subarray(4, 4 + len);
        this.buffer = this.buffer.subarray(4 + len);
        const type = packet[0]!;
        let offset = 1;
        let name = '';
        if (type === CMD_REQUEST || type === EVENT_REGISTER || type === 4 || type === EVENT) {
          const nameLen = packet[1]!;
          name = packet.toString('utf8', 2, 2 + nameLen);
          offset = 2 + nameLen;
        }
        this.packets.push({ type, name, message: decodeMessage(packet.subarray(offset)) });
      }
      this.wake();
    });
    const fail = (error: Error) => {
      this.closed = error;
      this.wake();
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('VICI socket closed')));
  }

  static connect(path: string): Promise<Vici> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(path);
      socket.once('connect', () => resolve(new Vici(socket)));
      socket.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private async next(): Promise<{ type: number; name: string; message: ViciMessage }> {
    for (;;) {
      const packet = this.packets.shift();
      if (packet) return packet;
      if (this.closed) throw this.closed;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  private write(type: number, name: string, message: Record<string, string | string[]> = {}): void {
    const n = Buffer.from(name);
    const body = Buffer.concat([Buffer.from([type, n.length]), n, encodeMessage(message)]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    this.socket.write(Buffer.concat([len, body]));
  }

  /** One command, serialised per connection; the events it streams (e.g. `list-sa`) come back with the answer. */
  request(command: string, message: Record<string, string | string[]> = {}): Promise<{ response: ViciMessage; events: ViciMessage[] }> {
    const result = this.chain.then(async () => {
      this.write(CMD_REQUEST, command, message);
      const events: ViciMessage[] = [];
      for (;;) {
        const packet = await this.next();
        if (packet.type === EVENT) events.push(packet.message);
        else if (packet.type === CMD_RESPONSE) return { response: packet.message, events };
        else if (packet.type === CMD_UNKNOWN) throw new Error(`VICI: unknown command ${command}`);
      }
    });
    this.chain = result.catch(() => undefined);
    return result;
  }

  register(event: string): Promise<void> {
    const result = this.chain.then(async () => {
      this.write(EVENT_REGISTER, event);
      const packet = await this.next();
      if (packet.type === EVENT_UNKNOWN) throw new Error(`VICI: unknown event ${event}`);
      if (packet.type !== EVENT_CONFIRM) throw new Error(`VICI: unexpected packet ${packet.type} registering ${event}`);
    });
    this.chain = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.socket.destroy();
  }
}

interface ChildSa {
  name: string;
  uniqueid: string;
  state: string;
  localTs: string[];
  remoteTs: string[];
}
interface IkeSa {
  name: string;
  uniqueid: string;
  state: string;
  children: ChildSa[];
}

const isSection = (v: ViciValue | undefined): v is ViciMessage => typeof v === 'object' && !Array.isArray(v);
const asList = (v: ViciValue | undefined): string[] => (Array.isArray(v) ? v : []);

/** `list-sa` events: `{ <ike name>: { uniqueid, state, child-sas: { <name-id>: { name, uniqueid, state, local-ts, remote-ts } } } }`. */
function sasFromEvents(events: readonly ViciMessage[]): IkeSa[] {
  const sas: IkeSa[] = [];
  for (const event of events) {
    for (const [name, ike] of Object.entries(event)) {
      if (!isSection(ike)) continue;
      const children = Object.values(isSection(ike['child-sas']) ? ike['child-sas'] : {})
        .filter(isSection)
        .map((c) => ({ name: String(c.name), uniqueid: String(c.uniqueid), state: String(c.state), localTs: asList(c['local-ts']), remoteTs: asList(c['remote-ts']) }));
      sas.push({ name, uniqueid: String(ike.uniqueid), state: String(ike.state), children });
    }
  }
  return sas;
}

// ---------------------------------------------------------------------------------------------- addresses on lo

const ipToInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

interface Net {
  base: number;
  prefix: number;
}
function parseNet(cidr: string): Net | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?$/.exec(cidr.trim());
  if (!m) return undefined;
  const prefix = m[2] === undefined ? 32 : Number(m[2]);
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(ipToInt(m[1]!) / size) * size, prefix };
}
const netEnd = (n: Net) => n.base + 2 ** (32 - n.prefix) - 1;
/** CIDR blocks either nest or are disjoint: the intersection is the smaller one, or nothing. */
function intersect(a: Net, b: Net): Net | undefined {
  if (netEnd(a) < b.base || netEnd(b) < a.base) return undefined;
  return a.prefix >= b.prefix ? a : b;
}
const firstHost = (n: Net) => intToIp(n.prefix >= 31 ? n.base : n.base + 1);

/** `local_ts` / `remote_ts` values of every CHILD in a swanctl.conf text. */
function selectors(conf: string, key: 'local_ts' | 'remote_ts'): Net[] {
  const nets: Net[] = [];
  // Comments first: a generated file may show a selector line commented out.
  const text = conf.replace(/#[^\n]*/g, '');
  for (const m of text.matchAll(new RegExp(`\\b${key}\\s*=\\s*([^\\n}]+)`, 'g'))) {
    for (const item of m[1]!.split(',')) {
      const net = parseNet(item.replace(/\[.*\]$/, ''));
      if (net) nets.push(net);
    }
  }
  return nets;
}

/**
 * kernel-libipsec fails a CHILD_SA ("error installing route with policy") when its namespace has no address inside
 * the local selector it installs, and the peer then sees TS_UNACCEPTABLE, exactly like a real selector mismatch.
 * Selectors may be narrowed to the intersection with the peer's, so give each side the first host of each of its
 * local networks and of each non-empty intersection with the peer's remote networks.
 */
function loAddresses(localTs: Net[], peerRemoteTs: Net[]): string[] {
  const out = new Set<string>();
  for (const l of localTs) {
    // 0.0.0.0/0 itself contains the veth address, but it may be narrowed to the peer's networks.
    if (l.prefix > 0) out.add(firstHost(l));
    for (const r of peerRemoteTs) {
      const both = intersect(l, r);
      if (both && both.prefix > 0) out.add(firstHost(both));
    }
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------- the pair

const ERR_RE =
  /does not match|none allows|calculated HASH|peer not responding|no matching|received proposals|configured proposals|notify error|error notify|no acceptable|no proposal|NO_PROPOSAL|AUTHENTICATION_FAILED|TS_UNACCEPT|giving up|no IKE config|no peer config|no shared key|MAC mismatch|decryption failed|invalid HASH|INVALID_|failed|unable to|not supported|received DELETE|error/;

function strongswanConf(dir: string): string {
  // kernel-libipsec before kernel-netlink: this kernel has XFRM but no ESP, so the CHILD_SA runs in userspace.
  // load_legacy: DES comes only from OpenSSL 3's legacy provider. retransmit_*: an IKEv1 main mode PSK mismatch
  // fails only by timeout; 3 sends 0.5 s apart end it in 1.5 s instead of ~165 s.
  return `charon {
  load = random nonce openssl aes sha1 sha2 md5 hmac gmp kdf pem pkcs1 pkcs8 x509 pubkey constraints revocation kernel-libipsec kernel-netlink socket-default vici
  plugins {
    vici { socket = unix:///run/charon.vici }
    openssl { load_legacy = yes }
  }
  i_dont_care_about_security_and_use_aggressive_mode_psk = yes
  retransmit_tries = 2
  retransmit_timeout = 0.5
  retransmit_base = 1.0
  retransmit_jitter = 0
  half_open_timeout = 5
  filelog {
    main {
      path = ${dir}/charon.log
      time_format = %H:%M:%S
      ike_name = yes
      append = yes
      flush_line = yes
      default = 1
    }
  }
  syslog { daemon { default = -1 } }
}
swanctl { load = pem pkcs1 pkcs8 x509 pubkey openssl random }
`;
}

interface Daemon {
  side: Side;
  ns: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  socketPath: string;
  pid?: number;
  vici?: Vici;
}

const liveCleanups = new Set<() => void>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a run dies before stop(): synchronous, so it still runs inside 'exit'.
  process.on('exit', () => {
    for (const cleanup of liveCleanups) cleanup();
  });
}

const STALE_NS = /^ike-(\d+)-\d+-(?:cloud|device)$/;

/**
 * Namespaces (and the charons inside them) left by a run that died before stop(): named after a pid that no longer
 * runs. Their daemons are found by namespace membership (`ip netns pids`), so nothing else is touched.
 */
async function removeStale(): Promise<void> {
  const listed = await run('ip', ['netns', 'list']);
  for (const line of listed.stdout.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const m = STALE_NS.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const pids = await run('ip', ['netns', 'pids', name]);
    for (const pid of pids.stdout.split(/\s+/).filter(Boolean)) signal(Number(pid), 'SIGKILL');
    await run('ip', ['netns', 'del', name]);
  }
}

export async function startPair(): Promise<IkePair> {
  await removeStale();
  // Unique per run, so parallel or leftover runs never clash. The pid in the namespace names lets a later run
  // recognise what a dead one left behind (removeStale).
  const serial = Math.floor(Math.random() * 1000);
  const unique = `${process.pid}-${serial}`;
  const x = process.pid % 250;
  const cloudAddress = `10.99.${x}.1`;
  const deviceAddress = `10.99.${x}.2`;
  const root = await mkdtemp(join(tmpdir(), 'ipsec-studio-ike-'));
  const daemon = (side: Side): Daemon => {
    const dir = join(root, side);
    return { side, ns: `ike-${unique}-${side}`, dir, env: { ...process.env, STRONGSWAN_CONF: join(dir, 'strongswan.conf') }, socketPath: join(dir, 'run', 'charon.vici') };
  };
  const daemons: Record<Side, Daemon> = { cloud: daemon('cloud'), device: daemon('device') };
  // veth names: at most 15 characters; they live inside the namespaces, so they only need to be unique at creation.
  const veth: Record<Side, string> = { cloud: `ik${process.pid}c${serial}`.slice(0, 15), device: `ik${process.pid}d${serial}`.slice(0, 15) };
  const both = [daemons.cloud, daemons.device];

  const syncCleanup = () => {
    for (const d of both) {
      if (d.pid !== undefined) signal(d.pid, 'SIGKILL');
      try {
        execFileSync('ip', ['netns', 'del', d.ns], { stdio: 'ignore' });
      } catch {
        /* never created or already deleted */
      }
    }
  };
  installExitHook();
  liveCleanups.add(syncCleanup);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const d of both) d.vici?.close();
    for (const d of both) if (d.pid !== undefined) signal(d.pid, 'SIGTERM');
    for (const d of both) {
      if (d.pid === undefined) continue;
      for (let i = 0; i < 60 && alive(d.pid); i++) await sleep(50);
      if (alive(d.pid)) signal(d.pid, 'SIGKILL');
      for (let i = 0; i < 20 && alive(d.pid); i++) await sleep(50);
    }
    // The veth pair goes with its namespaces.
    for (const d of both) await run('ip', ['netns', 'del', d.ns]);
    liveCleanups.delete(syncCleanup);
    await rm(root, { recursive: true, force: true });
  };

  try {
    for (const d of both) {
      await mkdir(join(d.dir, 'run'), { recursive: true });
      await writeFile(join(d.dir, 'strongswan.conf'), strongswanConf(d.dir));
      await writeFile(join(d.dir, 'charon.log'), '');
      await mustRun('ip', ['netns', 'add', d.ns]);
    }
    await mustRun('ip', ['link', 'add', veth.cloud, 'type', 'veth', 'peer', 'name', veth.device]);
    for (const side of ['cloud', 'device'] as const) {
      const { ns } = daemons[side];
      await mustRun('ip', ['link', 'set', veth[side], 'netns', ns]);
      await mustRun('ip', ['-n', ns, 'addr', 'add', `${side === 'cloud' ? cloudAddress : deviceAddress}/24`, 'dev', veth[side]]);
      await mustRun('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
      await mustRun('ip', ['-n', ns, 'link', 'set', veth[side], 'up']);
    }
    for (const d of both) {
      // charon's pid file path is compiled in (/var/run/charon.pid): a second charon that sees it refuses to start
      // and deletes the first one's VICI socket. A private mount namespace with its own /run keeps them apart.
      // `ip netns exec`, unshare and sh all exec, so the pid we get is charon's own.
      const child = spawn('ip', ['netns', 'exec', d.ns, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', `mount --bind '${join(d.dir, 'run')}' /run && exec ${CHARON}`], {
        env: d.env,
        stdio: 'ignore',
      });
      child.on('error', () => undefined);
      d.pid = child.pid;
    }
    for (const d of both) {
      for (let i = 0; i < 250 && !d.vici; i++) {
        try {
          const vici = await Vici.connect(d.socketPath);
          await vici.register('list-sa');
          d.vici = vici;
        } catch {
          await sleep(20);
        }
      }
      if (!d.vici) throw new Error(`charon (${d.side}) did not answer on VICI within 5 s; its log:\n${await readFile(join(d.dir, 'charon.log'), 'utf8')}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const vici = (d: Daemon): Vici => {
    if (!d.vici || stopped) throw new Error('the strongSwan pair is stopped');
    return d.vici;
  };
  const listSas = async (d: Daemon) => sasFromEvents((await vici(d).request('list-sas')).events);

  const readLog = async (d: Daemon, from: number): Promise<string> => {
    const file = await open(join(d.dir, 'charon.log'), 'r');
    try {
      const { size } = await file.stat();
      const buffer = Buffer.alloc(Math.max(0, size - from));
      await file.read(buffer, 0, buffer.length, from);
      return buffer.toString('utf8');
    } finally {
      await file.close();
    }
  };
  const offsets = async (): Promise<Record<Side, number>> => ({
    cloud: (await stat(join(daemons.cloud.dir, 'charon.log'))).size,
    device: (await stat(join(daemons.device.dir, 'charon.log'))).size,
  });
  const logSince = async (from: Record<Side, number>, extra: string[] = []): Promise<string> => {
    const lines = [...extra];
    for (const side of ['device', 'cloud'] as const) {
      for (const line of (await readLog(daemons[side], from[side])).split('\n')) if (line.trim()) lines.push(`${side}: ${line}`);
    }
    return lines.join('\n');
  };

  const flushSas = async () => {
    for (let round = 0; round < 20; round++) {
      let any = false;
      await Promise.all(
        both.map(async (d) => {
          for (const sa of await listSas(d)) {
            any = true;
            // force: destroy at once instead of waiting for the peer's DELETE answer; timeout -1: do not block.
            await vici(d).request('terminate', { 'ike-id': sa.uniqueid, force: 'yes', timeout: '-1' });
          }
        }),
      );
      if (!any) return;
      await sleep(10);
    }
    throw new Error('IKE_SAs survive termination');
  };

  const loNow: Record<Side, string> = { cloud: '', device: '' };
  const setLoAddresses = async (d: Daemon, addresses: readonly string[]) => {
    const key = addresses.join(' ');
    if (loNow[d.side] === key) return;
    loNow[d.side] = key;
    await mustRun('ip', ['-n', d.ns, '-batch', '-'], ['addr flush dev lo scope global', ...addresses.map((a) => `addr add ${a}/32 dev lo`)].join('\n') + '\n');
  };

  const load = async (d: Daemon, conf: string) => {
    const file = join(d.dir, 'swanctl.conf');
    await writeFile(file, conf);
    const r = await run('swanctl', ['--load-all', '--clear', '--file', file, '--uri', `unix://${d.socketPath}`], { env: d.env });
    // swanctl exits 0 even when it skips a section it cannot parse; its output says so. The credential folders next
    // to the file are absent on purpose (PSK only): their "opening directory … failed" lines are no error.
    const complaints = (r.stdout + r.stderr).split('\n').filter((l) => /fail|error|invalid|unknown|ignored/i.test(l) && !l.startsWith('opening directory'));
    if (r.code !== 0 || complaints.length > 0) {
      throw new Error(`swanctl --load-all (${d.side}) failed:\n${r.stdout}${r.stderr}\n--- ${d.side} swanctl.conf ---\n${conf}`);
    }
  };

  const established = (sas: readonly IkeSa[]) => sas.some((sa) => sa.state === 'ESTABLISHED');
  const installed = (sas: readonly IkeSa[], child?: string) =>
    sas.flatMap((sa) => (sa.state === 'ESTABLISHED' ? sa.children : [])).filter((c) => c.state === 'INSTALLED' && (child === undefined || c.name === child));

  const negotiate = async (cloudConf: string, deviceConf: string, opts: NegotiateOptions): Promise<NegotiationOutcome> => {
    await flushSas();
    await Promise.all([
      setLoAddresses(daemons.cloud, loAddresses(selectors(cloudConf, 'local_ts'), selectors(deviceConf, 'remote_ts'))),
      setLoAddresses(daemons.device, loAddresses(selectors(deviceConf, 'local_ts'), selectors(cloudConf, 'remote_ts'))),
    ]);
    // A device configuration may say `start_action = start` (a real device brings its tunnel up on its own). Here the
    // harness decides when the device initiates, so that each case has exactly one initiation with a known end
    // instead of a load-time one racing the explicit one (two CHILD_SAs, the second via CREATE_CHILD_SA). Nothing
    // else in the text is touched, and start_action takes no part in what the two ends negotiate.
    const deviceText = deviceConf.replace(/^(\s*start_action\s*=\s*)[^\s#]+/gm, '$1none');
    // The cloud end first, so that nothing the device does finds it half-loaded.
    await load(daemons.cloud, cloudConf);
    await load(daemons.device, deviceText);
    const from = await offsets();
    const init = await vici(daemons.device).request('initiate', { child: opts.child, timeout: String(opts.timeoutMs ?? 15_000) });
    let device = await listSas(daemons.device);
    let cloud = await listSas(daemons.cloud);
    // The IKEv1 Quick Mode responder installs only after the initiator's third message: give it a moment.
    for (let i = 0; i < 50 && ((established(device) && !established(cloud)) || (installed(device).length > 0 && installed(cloud).length === 0)); i++) {
      await sleep(20);
      [device, cloud] = await Promise.all([listSas(daemons.device), listSas(daemons.cloud)]);
    }
    const ike = established(device) && established(cloud) ? 'up' : 'down';
    const deviceChild = installed(device, opts.child)[0];
    const child = ike === 'up' && deviceChild && installed(cloud).length > 0 ? 'up' : 'down';
    const log = await logSince(from, [`device: initiate ${opts.child}: success=${String(init.response.success)} ${String(init.response.errmsg ?? '')}`.trim()]);
    return { ike, child, ...(child === 'up' && deviceChild && { installedTs: { local: deviceChild.localTs, remote: deviceChild.remoteTs } }), log };
  };

  const rekeyChild = async (name: string): Promise<RekeyOutcome> => {
    const before = installed(await listSas(daemons.device), name)[0];
    if (!before) return { survived: false, log: `device: no INSTALLED CHILD_SA ${name} to rekey` };
    const cloudBefore = new Set(installed(await listSas(daemons.cloud)).map((c) => c.uniqueid));
    const from = await offsets();
    const answer = await vici(daemons.device).request('rekey', { child: name });
    // Survival: a new CHILD_SA of that name INSTALLED on the device and a new one on the cloud. A refused rekey
    // (NO_PROPOSAL_CHOSEN…) leaves the old CHILD_SA in place and strongSwan retries later, so the old one still being
    // INSTALLED proves nothing.
    let survived = false;
    for (let i = 0; i < 150 && !survived; i++) {
      const [device, cloud] = await Promise.all([listSas(daemons.device), listSas(daemons.cloud)]);
      survived = installed(device, name).some((c) => c.uniqueid !== before.uniqueid) && installed(cloud).some((c) => !cloudBefore.has(c.uniqueid));
      if (survived) break;
      // A refusal ends the wait early; the SAs are listed once more because the log line may be newer than the list.
      if (/CHILD_SA rekeying failed|NO_PROPOSAL_CHOSEN|TS_UNACCEPTABLE|peer not responding/.test(await readLog(daemons.device, from.device))) {
        const [d2, c2] = await Promise.all([listSas(daemons.device), listSas(daemons.cloud)]);
        survived = installed(d2, name).some((c) => c.uniqueid !== before.uniqueid) && installed(c2).some((c) => !cloudBefore.has(c.uniqueid));
        break;
      }
      await sleep(20);
    }
    return { survived, log: await logSince(from, [`device: rekey ${name}: success=${String(answer.response.success)} ${String(answer.response.errmsg ?? '')}`.trim()]) };
  };

  return { namespaces: { cloud: daemons.cloud.ns, device: daemons.device.ns }, cloudAddress, deviceAddress, negotiate, rekeyChild, stop };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

/** The error-looking lines of a negotiation log (for failure messages). */
export function logErrors(log: string, max = 12): string {
  return log
    .split('\n')
    .filter((line) => ERR_RE.test(line))
    .slice(0, max)
    .join('\n');
}

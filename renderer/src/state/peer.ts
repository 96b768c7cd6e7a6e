// The open connection's peer device: main keeps the profile (PSKs sealed); everything else is pure core run here,
// offline: the mirror of the live connection, importing a device's configuration, the pre-check of live and draft
// against the device, and hand edits from the Peer column (saved after a pause, like the draft).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Api, CustomerGatewaySummary, GatewaySummary } from '../../../core/contract.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import type { VpnConnection } from '../../../core/index.ts';
import { peerAddressesOf } from '../../../core/peer/addresses.ts';
import { setPeerFieldText } from '../../../core/peer/fields.ts';
import { deviceTarget, mirrorPeer, type PeerAddresses } from '../../../core/peer/mirror.ts';
import { precheck, type PrecheckResult } from '../../../core/peer/precheck.ts';
import { parsePeerProfile } from '../../../core/peer/profile-schema.ts';
import type { PeerProfile } from '../../../core/peer/profile.ts';
import type { GeneratorNote, ImportResult } from '../../../core/peer/vendor.ts';
import { isLimitationNote } from '../../../core/peer/vendors/generic.ts';
import { vendorById } from '../../../core/peer/vendors/index.ts';

export interface PeerDevice {
  /** Null when the connection has no peer profile yet (or while it loads). */
  profile: PeerProfile | null;
  loaded: boolean;
  error: AppErrorShape | null;
  addresses: PeerAddresses;
  /** The live connection and the draft each against the device; null without a profile. */
  liveCheck: PrecheckResult | null;
  draftCheck: PrecheckResult | null;
  /** What the device's vendor cannot express of the draft and could of the live connection (generator notes about limits). */
  deviceLimits: { vendor: string; notes: GeneratorNote[] };
  /** "The device matches the live connection": the mirror image, saved, of the given vendor (default: the device's). */
  mirror(vendorId?: string): Promise<void>;
  /** Reads a device's configuration; nothing is saved until `adopt`. */
  read(text: string, vendorId: string, format: string): ImportResult | null;
  adopt(profile: PeerProfile): Promise<void>;
  /** A hand edit of one field from the Peer column (saved after a pause). */
  edit(path: string, text: string): void;
  remove(): Promise<void>;
}

const SAVE_DELAY_MS = 400;

export function usePeerDevice(
  api: Api,
  input: {
    VpnConnectionId: string | null;
    /** The draft's base (what "live" means in the editor) and the draft. */
    live: VpnConnection | null;
    draft: VpnConnection | null;
    /** The connection as last read live: where its tunnels are (their InternetIp), for the device's addresses. */
    liveRead: VpnConnection | undefined;
    gateway: GatewaySummary | undefined;
    customerGateways: readonly CustomerGatewaySummary[] | undefined;
  },
): PeerDevice {
  const { VpnConnectionId, live, draft, liveRead, gateway, customerGateways } = input;
  const [state, setState] = useState<{ id: string | null; profile: PeerProfile | null; loaded: boolean }>({ id: null, profile: null, loaded: false });
  const [error, setError] = useState<AppErrorShape | null>(null);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; id: string; profile: PeerProfile } | null>(null);

  const flush = useCallback(async () => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = null;
    try {
      await api.savePeerProfile({ VpnConnectionId: p.id, profile: p.profile });
      setError(null);
    } catch (e) {
      setError(e as AppErrorShape);
    }
  }, [api]);

  useEffect(() => {
    if (!VpnConnectionId) return;
    let cancelled = false;
    api.getPeerProfile({ VpnConnectionId }).then(
      ({ profile: stored }) => {
        if (cancelled) return;
        // Unknown lifetimes cross as JSON null: the schema reads them back as NaN, as core expects.
        const parsed = stored === null ? null : parsePeerProfile(stored);
        setState({ id: VpnConnectionId, profile: parsed?.ok ? parsed.profile : null, loaded: true });
        setError(null);
      },
      (e: unknown) => {
        if (cancelled) return;
        setState({ id: VpnConnectionId, profile: null, loaded: true });
        setError(e as AppErrorShape);
      },
    );
    return () => {
      cancelled = true;
      void flush();
    };
  }, [api, VpnConnectionId, flush]);

  const profile = state.id === VpnConnectionId ? state.profile : null;
  const where = liveRead ?? live;
  const addresses = useMemo(
    () => (where ? peerAddressesOf(where, { gatewayInternetIp: gateway?.InternetIp, customerGateways: customerGateways ?? [] }) : {}),
    [where, gateway?.InternetIp, customerGateways],
  );
  const liveCheck = useMemo(() => (profile && live ? precheck(live, profile) : null), [profile, live]);
  const draftCheck = useMemo(() => (profile && draft ? precheck(draft, profile) : null), [profile, draft]);
  // Only limits the draft brings: what the vendor never does (FortiOS checks no peer id, say) is in the device's
  // configuration already and would otherwise sit in every preview.
  const deviceLimits = useMemo(() => {
    const vendor = profile ? vendorById(profile.vendor) : undefined;
    if (!profile || !draft || !live || !vendor) return { vendor: '', notes: [] };
    // With the keys: a key the device cannot take (too short, a character it refuses) is a limit too. Only the notes
    // are kept, and none of them quotes a key.
    const limits = (c: VpnConnection) => vendor.generate(deviceTarget(c, addresses, profile), { format: vendor.formats[0]!.id, includeSecrets: true }).notes.filter(isLimitationNote);
    const already = new Set(limits(live).map((n) => n.message));
    return { vendor: vendor.label, notes: limits(draft).filter((n) => !already.has(n.message)) };
  }, [profile, draft, live, addresses]);

  const saveNow = useCallback(
    async (next: PeerProfile) => {
      if (!VpnConnectionId) return;
      // A hand edit still waiting to be saved must not land over this newer profile (a mirror, an import).
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = null;
      setState({ id: VpnConnectionId, profile: next, loaded: true });
      try {
        await api.savePeerProfile({ VpnConnectionId, profile: next });
        setError(null);
      } catch (e) {
        setError(e as AppErrorShape);
      }
    },
    [api, VpnConnectionId],
  );

  // The Peer column's edit handler stays the same function while the user types (rows are memoised on it).
  const latest = useRef({ profile, draft });
  useEffect(() => {
    latest.current = { profile, draft };
  });
  const edit = useCallback(
    (path: string, text: string) => {
      const { profile: current, draft: editing } = latest.current;
      if (!VpnConnectionId || !current || !editing) return;
      const next = setPeerFieldText(current, editing.mode, path, text);
      if (next === current) return;
      latest.current = { profile: next, draft: editing };
      setState({ id: VpnConnectionId, profile: next, loaded: true });
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = { id: VpnConnectionId, profile: next, timer: setTimeout(() => void flush(), SAVE_DELAY_MS) };
    },
    [VpnConnectionId, flush],
  );

  return {
    profile,
    loaded: state.loaded && state.id === VpnConnectionId,
    error,
    addresses,
    liveCheck,
    draftCheck,
    deviceLimits,
    // The mirror replaces the device's settings, not what the box is: its vendor and platform stay.
    mirror: async (vendorId) => {
      if (live) await saveNow({ ...mirrorPeer(live, addresses), vendor: vendorId ?? profile?.vendor ?? 'strongswan', platform: profile?.platform ?? '' });
    },
    read: (text, vendorId, format) => vendorById(vendorId)?.import(text, format) ?? null,
    adopt: saveNow,
    edit,
    remove: async () => {
      if (!VpnConnectionId) return;
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = null;
      try {
        await api.deletePeerProfile({ VpnConnectionId });
        setState({ id: VpnConnectionId, profile: null, loaded: true });
      } catch (e) {
        setError(e as AppErrorShape);
      }
    },
  };
}

// Structural check of a model object before the rules read it. Drafts come from the renderer, from files handed
// over by field technicians and from property tests, so validate() must cope with anything without throwing.
import * as z from 'zod';

// NaN is allowed on purpose: the renderer stores unparsable numeric input as NaN and the range rules report it. Null
// is NaN as JSON writes it (a stored draft or job; read back through stored-numbers.ts), so it is not damage either.
const num = z.custom<number>((v) => typeof v === 'number' || v === null, { message: 'expected a number' });

/**
 * Length caps for every string of a connection that crosses a boundary (the IPC contract's saveDraft, draft files):
 * the API's documented limit with room above it, so a value a little too long is still carried and the editor's
 * rule says what is wrong (InvalidName, Rule.Psk.Length …), while a 32 MiB Name is refused at the door. Where the
 * document gives no limit the cap is a generous bound of ours (docs/core.md, "Length caps").
 */
export const TEXT_CAPS = {
  /** Ids (vco-…, vpn-…, cgw-…, tun-…): the contract's id bound. */
  id: 128,
  /** Name: 1–100 characters (document). */
  Name: 400,
  /** LocalSubnet / RemoteSubnet: no documented limit; room for about 200 networks. */
  subnets: 4096,
  /** Psk: 1–100 characters (document). */
  Psk: 400,
  /** LocalId / RemoteId: up to 100 characters (document). */
  identity: 400,
  /** Enumerated values (ikev2, aes256, group14, master …): the longest allowed is 8 characters. */
  enumerated: 32,
  /** Addresses, networks and ASNs (169.254.10.0/30, 65535.65535): at most 18 characters when valid. */
  short: 64,
  /** RemoteCaCertificate: no documented limit; one PEM certificate is a few KiB. */
  certificate: 65_536,
} as const;

type Text = (cap: number) => z.ZodString;

function shapes(text: Text) {
  const ike = z.object({
    Psk: text(TEXT_CAPS.Psk),
    IkeVersion: text(TEXT_CAPS.enumerated),
    IkeMode: text(TEXT_CAPS.enumerated),
    IkeEncAlg: text(TEXT_CAPS.enumerated),
    IkeAuthAlg: text(TEXT_CAPS.enumerated),
    IkePfs: text(TEXT_CAPS.enumerated),
    IkeLifetime: num,
    LocalId: text(TEXT_CAPS.identity),
    RemoteId: text(TEXT_CAPS.identity),
  });

  const ipsec = z.object({
    IpsecEncAlg: text(TEXT_CAPS.enumerated),
    IpsecAuthAlg: text(TEXT_CAPS.enumerated),
    IpsecPfs: text(TEXT_CAPS.enumerated),
    IpsecLifetime: num,
  });

  const bgpFields = { LocalAsn: text(TEXT_CAPS.short), TunnelCidr: text(TEXT_CAPS.short), LocalBgpIp: text(TEXT_CAPS.short) };

  const common = {
    VpnConnectionId: text(TEXT_CAPS.id),
    VpnGatewayId: text(TEXT_CAPS.id),
    CustomerGatewayId: z.optional(text(TEXT_CAPS.id)),
    Name: text(TEXT_CAPS.Name),
    LocalSubnet: text(TEXT_CAPS.subnets),
    RemoteSubnet: text(TEXT_CAPS.subnets),
    EffectImmediately: z.boolean(),
    AutoConfigRoute: z.optional(z.boolean()),
  };

  const tunnel = z.object({
    TunnelId: text(TEXT_CAPS.id),
    Role: text(TEXT_CAPS.enumerated),
    CustomerGatewayId: z.optional(text(TEXT_CAPS.id)),
    EnableDpd: z.boolean(),
    EnableNatTraversal: z.boolean(),
    RemoteCaCertificate: text(TEXT_CAPS.certificate),
    TunnelIkeConfig: ike,
    TunnelIpsecConfig: ipsec,
    TunnelBgpConfig: z.object(bgpFields),
  });

  return z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('single'),
      ...common,
      IkeConfig: ike,
      IpsecConfig: ipsec,
      HealthCheckConfig: z.object({ enable: z.boolean(), dip: text(TEXT_CAPS.short), sip: text(TEXT_CAPS.short), interval: num, retry: num }),
      BgpConfig: z.object({ EnableBgp: z.boolean(), ...bgpFields }),
      EnableDpd: z.boolean(),
      EnableNatTraversal: z.boolean(),
      RemoteCaCertificate: text(TEXT_CAPS.certificate),
    }),
    z.object({ mode: z.literal('dual'), ...common, EnableTunnelsBgp: z.boolean(), tunnels: z.tuple([tunnel, tunnel]) }),
  ]);
}

/** The structure `validate` checks (no length caps: the rules report lengths in the user's words). */
export const connectionShape = shapes(() => z.string());

/** The same structure with every string capped (TEXT_CAPS): what the IPC contract and draft files accept. */
export const boundedConnectionShape = shapes((cap) => z.string().max(cap));

/** Parameters the API accepts only for one mode (the Modify document's two lists). */
export const SINGLE_TUNNEL_ONLY = ['IkeConfig', 'IpsecConfig', 'HealthCheckConfig', 'EnableDpd', 'EnableNatTraversal', 'BgpConfig', 'RemoteCaCertificate'] as const;
export const DUAL_TUNNEL_ONLY = ['TunnelOptionsSpecification', 'EnableTunnelsBgp'] as const;

export function pathOf(segments: readonly PropertyKey[]): string {
  if (segments[0] === 'tunnels' && typeof segments[1] === 'number') {
    return ['TunnelOptionsSpecification', segments[1] + 1, ...segments.slice(2)].map(String).join('.');
  }
  return segments.map(String).join('.');
}

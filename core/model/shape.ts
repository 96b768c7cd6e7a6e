// Structural check of a model object before the rules read it. Drafts come from the renderer, from files handed
// over by field technicians and from property tests, so validate() must cope with anything without throwing.
import * as z from 'zod';

// NaN is allowed on purpose: the renderer stores unparsable numeric input as NaN and the range rules report it.
const num = z.custom<number>((v) => typeof v === 'number', { message: 'expected a number' });

const ike = z.object({
  Psk: z.string(),
  IkeVersion: z.string(),
  IkeMode: z.string(),
  IkeEncAlg: z.string(),
  IkeAuthAlg: z.string(),
  IkePfs: z.string(),
  IkeLifetime: num,
  LocalId: z.string(),
  RemoteId: z.string(),
});

const ipsec = z.object({ IpsecEncAlg: z.string(), IpsecAuthAlg: z.string(), IpsecPfs: z.string(), IpsecLifetime: num });

const common = {
  VpnConnectionId: z.string(),
  VpnGatewayId: z.string(),
  CustomerGatewayId: z.optional(z.string()),
  Name: z.string(),
  LocalSubnet: z.string(),
  RemoteSubnet: z.string(),
  EffectImmediately: z.boolean(),
  AutoConfigRoute: z.optional(z.boolean()),
};

const tunnel = z.object({
  TunnelId: z.string(),
  Role: z.string(),
  CustomerGatewayId: z.optional(z.string()),
  EnableDpd: z.boolean(),
  EnableNatTraversal: z.boolean(),
  RemoteCaCertificate: z.string(),
  TunnelIkeConfig: ike,
  TunnelIpsecConfig: ipsec,
  TunnelBgpConfig: z.object({ LocalAsn: z.string(), TunnelCidr: z.string(), LocalBgpIp: z.string() }),
});

export const connectionShape = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('single'),
    ...common,
    IkeConfig: ike,
    IpsecConfig: ipsec,
    HealthCheckConfig: z.object({ enable: z.boolean(), dip: z.string(), sip: z.string(), interval: num, retry: num }),
    BgpConfig: z.object({ EnableBgp: z.boolean(), LocalAsn: z.string(), TunnelCidr: z.string(), LocalBgpIp: z.string() }),
    EnableDpd: z.boolean(),
    EnableNatTraversal: z.boolean(),
    RemoteCaCertificate: z.string(),
  }),
  z.object({ mode: z.literal('dual'), ...common, EnableTunnelsBgp: z.boolean(), tunnels: z.tuple([tunnel, tunnel]) }),
]);

/** Parameters the API accepts only for one mode (the Modify document's two lists). */
export const SINGLE_TUNNEL_ONLY = ['IkeConfig', 'IpsecConfig', 'HealthCheckConfig', 'EnableDpd', 'EnableNatTraversal', 'BgpConfig', 'RemoteCaCertificate'] as const;
export const DUAL_TUNNEL_ONLY = ['TunnelOptionsSpecification', 'EnableTunnelsBgp'] as const;

export function pathOf(segments: readonly PropertyKey[]): string {
  if (segments[0] === 'tunnels' && typeof segments[1] === 'number') {
    return ['TunnelOptionsSpecification', segments[1] + 1, ...segments.slice(2)].map(String).join('.');
  }
  return segments.map(String).join('.');
}

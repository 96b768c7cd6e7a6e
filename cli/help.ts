// Every help text, apart from the commands so that `--help` answers without loading core (zod and the rules
// take most of a run's start-up).

export const DEFAULT_VENDOR = 'strongswan';

export const toolHelp = `Usage: ipsec-studio <command> [options] <files>

IPsec Studio from the command line: Alibaba Cloud IPsec-VPN connections (DescribeVpnConnection response bodies)
and the customer's device, offline. Reads files only; no network, no credentials.

Commands:
  device-config   the device configuration that matches a connection (strongSwan swanctl.conf / ipsec.conf)
  precheck        will the connection negotiate with this device? (exit 0 yes, 1 no)
  check           the API's rules on a connection (exit 0 no error, 1 errors)
  plan            live vs draft: changes, verdict, the minimal request and the aliyun CLI command
  bundle          a hand-off bundle (age-encrypted drafts): inspect what is inside, or open it

Run 'ipsec-studio <command> --help' for a command's options.

Options:
  -h, --help      this help
  -v, --version   the version

Exit status: 0 success, 1 a negative answer (fails / errors / refused), 2 bad input, 3 internal error.
`;

export const deviceConfigHelp = `Usage: ipsec-studio device-config --cloud-address <ip> --device-address <ip> [options] <connection.json>

Prints the configuration of the customer's device that matches the connection exactly (for strongSwan: the
connections and secrets sections of swanctl.conf, or ipsec.conf with its ipsec.secrets lines).

  <connection.json>        a DescribeVpnConnection response body, as the API returns it (PSKs included)

Options:
  --vendor <id>            the device's vendor (default: strongswan)
  --format <id>            the vendor's dialect (strongswan: swanctl (default) or ipsec.conf)
  --cloud-address <ip>     the cloud end's public address: the VPN gateway's IP address for a single-tunnel
                           connection. For a dual-tunnel connection give it twice, master first, then slave;
                           given once it is the master tunnel's (or, with --tunnel, that tunnel's) and the other
                           tunnel's address is read from its InternetIp in <connection.json>; not given at all,
                           both come from InternetIp. A tunnel with no address given and no InternetIp stops the
                           command (exit 2).
  --device-address <ip>    the device's public address; once for both tunnels, or twice (master, slave)
  --tunnel master|slave    dual-tunnel only: just this tunnel (default: both tunnels)
  --no-secrets             leave the PSKs out (the secrets section is not printed)
  -h, --help               this help

Exit status: 0 printed, 2 bad input. Generator remarks go to stderr as warnings.
`;

export const precheckHelp = `Usage: ipsec-studio precheck --peer <file> [options] <connection.json>

Predicts, per tunnel, whether the IKE SA and the CHILD SA come up between the connection and the device, and why
not, field by field. Prints JSON:
  {"verdict":"negotiates"|"fails","tunnels":[{"tunnel":"single"|"master"|"slave","ike":"ok"|"fails",
   "child":"ok"|"fails"|"fails-at-rekey","reasons":[{"path","code","message","severity"}]}]}
"path" is the connection's field the reason is about (e.g. IkeConfig.IkeEncAlg); "severity" is error or warning
(warnings, such as a lifetime mismatch, do not make it fail).

  <connection.json>        a DescribeVpnConnection response body, as the API returns it (PSKs included)

Options:
  --peer <file>            the device: its configuration text (imported with the vendor's importer; what the
                           importer did not understand is printed to stderr as warnings), or a peer profile as
                           JSON (a file that starts with '{')
  --vendor <id>            the vendor of the configuration text (default: ${DEFAULT_VENDOR})
  --format <id>            its dialect (strongswan: swanctl or ipsec.conf); guessed when not given:
                           'connections {' means swanctl, 'conn <name>' means ipsec.conf
  --tunnel master|slave    dual-tunnel only: check just this tunnel. A device configuration with one tunnel,
                           checked against a dual-tunnel connection, needs it to say which tunnel it is.
  -h, --help               this help

Exit status: 0 negotiates, 1 fails, 2 bad input (including a peer with two tunnels for a single-tunnel connection,
or one tunnel for a dual-tunnel connection without --tunnel).
`;

export const checkHelp = `Usage: ipsec-studio check [options] <connection.json>

Checks every field of the connection against the rules of the ModifyVpnConnectionAttribute document (the same
rules the app applies before it sends anything). Prints JSON:
  {"valid":true|false,"vpnType":"Normal"|"NationalStandard",
   "errors":[{"path","code","message","params"}],"warnings":[{"path","code","message","params"}]}
Warnings (advice, such as IKEv1 with several subnets, which the API refuses only when a change introduces it)
never make it fail.

  <connection.json>        a DescribeVpnConnection response body, as the API returns it

Options:
  --vpn-type Normal|NationalStandard
                           the gateway's type (default: NationalStandard when the connection uses sm4 or sm3,
                           Normal otherwise)
  --lang en|zh-CN          the language of "message" (default: en)
  -h, --help               this help

Exit status: 0 no error, 1 at least one error, 2 bad input.
`;

export const planHelp = `Usage: ipsec-studio plan --region-id <id> [options] <live.json> <draft.json>

What applying the draft to the live connection does: the changed fields, the rules' verdict on the change (only
the fields it changes or sends can refuse it; the rest are warnings), the smallest ModifyVpnConnectionAttribute
request, and the same request as an aliyun CLI command. Prints JSON:
  {"changes":[{"path","before","after","impact","secret"}],"impact":{"renegotiates","routing","bothTunnels",
   "harmlessOnly"},"errors":[…],"warnings":[…],"request":{…}|null,"aliyunCli":"aliyun vpc …"|null}
"request" and "aliyunCli" are null when the rules refuse the change or nothing changes.

  <live.json> <draft.json> DescribeVpnConnection response bodies: the connection now, and as it should become

Options:
  --region-id <id>         the connection's region (e.g. cn-hangzhou); required: the request needs it and the
                           DescribeVpnConnection body does not carry it
  --vpn-type Normal|NationalStandard
                           the gateway's type (default: NationalStandard when the live connection uses sm4 or sm3,
                           Normal otherwise)
  --reveal-secrets         show PSKs in changes, request and command (default: masked, ******)
  --text                   a summary for people instead of JSON
  --lang en|zh-CN          the language of the messages (default: en)
  -h, --help               this help

Exit status: 0 the change may be sent (or nothing changes), 1 the rules refuse it, 2 bad input.
`;

export const bundleHelp = `Usage: ipsec-studio bundle inspect [--identity <file> | --passphrase-fd N] <file>
       ipsec-studio bundle open (--identity <file> | --passphrase-fd N) <file>

A hand-off bundle is an age-encrypted file (https://age-encryption.org) of drafts made by the app's export: with a
passphrase, or to recipients' public keys (age1…). It can also be opened with the age command (age -d).

  inspect     without a key: what the age header says (passphrase or public keys, how many recipients), nothing
              decrypted. With a key: also a summary of the drafts, without secrets:
                {"sealed":{"armored","encryptedTo":"passphrase"|"recipients","stanzas","recipientCount"},
                 "bundle":{"createdAt","from","note","drafts":[{"RegionId","VpnConnectionId","VpnGatewayId","Name",
                 "mode","baseFetchedAt","baseAgeSeconds","changedFields","pskChanged","pskIncluded","needsPsk",
                 "peerIncluded","deviceConfig"}]}}
  open        the decrypted bundle as JSON, PSKs included

  <file>                   the bundle (binary, or ASCII-armored text)

Options:
  --identity <file>        an age key file (as age-keygen writes it: AGE-SECRET-KEY-1… lines, # comments)
  --passphrase-fd N        read the passphrase from file descriptor N (its first line), e.g. 3 with 3<pass.txt,
                           or 0 for standard input; never give a passphrase on the command line
  -h, --help               this help

Exit status: 0 done, 1 the key does not open it (wrong passphrase, or encrypted for someone else), 2 bad input
(including a damaged or truncated file, a file that is not a bundle, a passphrase given for a file encrypted to
keys or the other way round).
`;

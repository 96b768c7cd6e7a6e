// The help texts of the commands that have nothing to do with device vendors, apart from the commands so that
// `--help` answers without loading most of core (zod and the rules take most of a run's start-up).

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

// The help texts that list the device vendors: the tool's own, device-config's and precheck's. The vendors and their
// dialects come from core's registry, so that a vendor added there is listed here without anyone remembering to; that
// loads the vendor modules (about 0.2 s), so `check`, `plan` and `bundle` take their help from help.ts instead.
import { VENDORS } from '../core/peer/vendors/index.ts';

export const DEFAULT_VENDOR = 'strongswan';

/** `strongswan, cisco-iosxe, …`: every id --vendor takes. */
export const VENDOR_IDS = VENDORS.map((v) => v.id).join(', ');

/** One line per vendor: its id, its name, and the ids --format takes for it (the first is the default). */
function vendorLines(indent: string): string {
  const width = Math.max(...VENDORS.map((v) => v.id.length)) + 2;
  return VENDORS.map((v) => {
    const formats = v.formats.map((f, i) => (i === 0 && v.formats.length > 1 ? `${f.id} (default)` : f.id)).join(', ');
    return `${indent}${v.id.padEnd(width)}${v.label}; --format ${formats}`;
  }).join('\n');
}

/** `strongswan: swanctl or ipsec.conf`: the vendors whose --format is a real choice. */
const DIALECT_CHOICES = VENDORS.filter((v) => v.formats.length > 1)
  .map((v) => `${v.id}: ${v.formats.map((f) => f.id).join(' or ')}`)
  .join('; ');

const VENDOR_SECTION = `Vendors (--vendor <id>, default ${DEFAULT_VENDOR}):
${vendorLines('  ')}
`;

export const toolHelp = `Usage: ipsec-studio <command> [options] <files>

IPsec Studio from the command line: Alibaba Cloud IPsec-VPN connections (DescribeVpnConnection response bodies)
and the customer's device, offline. Reads files only; no network, no credentials.

Commands:
  device-config   the device configuration that matches a connection, for one of the vendors
                  ${VENDOR_IDS}
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
connections and secrets sections of swanctl.conf, or ipsec.conf with its ipsec.secrets lines; for the other
vendors: the commands to enter on the device). What the device cannot express is said in a comment at that line
and as a warning on stderr.

  <connection.json>        a DescribeVpnConnection response body, as the API returns it (PSKs included)

Options:
  --vendor <id>            the device's vendor (default: ${DEFAULT_VENDOR}; the list is below)
  --format <id>            the vendor's dialect, for a vendor with several (${DIALECT_CHOICES});
                           default: the vendor's first
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

${VENDOR_SECTION}
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
  --vendor <id>            the vendor of the configuration text (default: ${DEFAULT_VENDOR}; the list is below)
  --format <id>            its dialect, for a vendor with several (${DIALECT_CHOICES}); guessed when not
                           given: 'connections {' means swanctl, 'conn <name>' means ipsec.conf
  --tunnel master|slave    dual-tunnel only: check just this tunnel. A device configuration with one tunnel,
                           checked against a dual-tunnel connection, needs it to say which tunnel it is.
  -h, --help               this help

${VENDOR_SECTION}
Exit status: 0 negotiates, 1 fails, 2 bad input (including a peer with two tunnels for a single-tunnel connection,
or one tunnel for a dual-tunnel connection without --tunnel).
`;


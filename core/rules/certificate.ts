// RemoteCaCertificate: only SM (NationalStandard) gateways accept one; when present it must look like PEM.
// We check the envelope and the base64 alphabet only; parsing X.509 would need a crypto library in the UI bundle.
import type { VpnType } from '../model/connection.ts';
import { issue, type RuleIssue } from './issue.ts';

const PEM = /^-----BEGIN CERTIFICATE-----([\sA-Za-z0-9+/=]+)-----END CERTIFICATE-----$/;

export function isPemCertificate(text: string): boolean {
  const match = PEM.exec(text.trim());
  if (!match) return false;
  const body = (match[1] ?? '').replace(/\s+/g, '');
  return body.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(body);
}

export function remoteCaCertificateRules(path: string, value: string, vpnType: VpnType): RuleIssue[] {
  if (value.trim() === '') return [];
  if (vpnType !== 'NationalStandard') return [issue(path, 'Rule.RemoteCaCertificate.NotSupported', { vpnType })];
  return isPemCertificate(value) ? [] : [issue(path, 'Rule.RemoteCaCertificate.Pem')];
}

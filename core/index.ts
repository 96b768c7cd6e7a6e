// Public API of the platform-free domain core (renderer: live validation and diff; main: the authority).
export type {
  BgpConfig,
  DualTunnelConnection,
  GatewayContext,
  HealthCheckConfig,
  IkeConfig,
  IpsecConfig,
  SingleTunnelConnection,
  TunnelBgpConfig,
  TunnelOptions,
  TunnelRole,
  VpnConnection,
  VpnType,
} from './model/connection.ts';
export { ALLOWED, allowedValues, DEFAULT_TUNNEL_LOCAL_ASN, type EnumKey } from './model/enums.ts';
export {
  DUAL_TUNNEL_FIELDS,
  editableFields,
  fieldDef,
  getField,
  setField,
  SINGLE_TUNNEL_FIELDS,
  TUNNEL_FIELDS,
  type FieldDef,
  type FieldGroup,
  type FieldKind,
  type Impact,
  type TunnelFieldDef,
} from './model/paths.ts';
export { changedFields } from './model/changes.ts';
export {
  connectionHealth,
  ESTABLISHED,
  lostTunnels,
  negotiationHealth,
  tunnelHealths,
  tunnelOverall,
  worstHealth,
  type Health,
  type TunnelHealth,
  type TunnelLoss,
  type TunnelPosition,
} from './model/health.ts';
export { sameFieldValue } from './model/equality.ts';
export {
  DescribeParseError,
  parseDescribeConnection,
  parseDescribeConnectionOrThrow,
  parseDescribeConnections,
  vpnTypeOf,
  type ParseDescribeResult,
} from './model/parse-describe.ts';
export { parseAsn, normalizeAsn } from './net/asn.ts';
export { RESERVED_TUNNEL_CIDRS } from './rules/bgp.ts';
export { type RuleIssue, type IssueParams } from './rules/issue.ts';
export { validate } from './rules/validate.ts';
export { advise, ADVICE_CODES } from './rules/advise.ts';
export { draftReadiness, type DraftReadiness, type NotReadyReason, type ReadinessInput } from './rules/readiness.ts';
export { buildGatewayContext, gatewayContextOf, type ConnectionRef, type GatewayContextParts } from './gateway-context.ts';
export { copyHold, copyTunnelGroup, tunnelCopyFields, type CopyHold, type TunnelCopyField, type TunnelCopyResult } from './model/copy.ts';
export { diffConnections, diffTunnels, groupDiffRows, summarizeImpact, MASK, type DiffRow, type DiffSection, type DiffOptions, type ImpactSummary, type LinePart } from './diff/diff.ts';
export { buildModifyRequest, isEmptyRequest, type BuildRequestOptions, type BuildRequestResult } from './request/build-request.ts';
export { judgeChange, IKEV1_MULTI_SUBNET_ADVICE, type ChangeJudgement } from './request/judge.ts';
export { sentPaths } from './request/sent-paths.ts';
export { normalizeSubnetList } from './model/normalize.ts';
export { applyModifyRequest } from './request/apply-request.ts';
export { validateRequest } from './request/validate-request.ts';
export { maskSecrets, toWire, SECRET_MASK, type WireRequest } from './request/wire.ts';
export type { ModifyVpnConnectionAttributeRequest, TunnelOptionsRequest, IkeConfigPayload, IpsecConfigPayload, TunnelBgpConfigPayload } from './request/types.ts';
export { mergeThreeWay, resolveConflict, type MergeConflict, type MergeResult } from './merge/three-way.ts';
export { FIELD_LABELS, fieldLabel, formatIssue, GROUP_LABELS, IMPACT_LABELS, MESSAGES, RULE_CODES, sectionLabel, type Lang } from './i18n/messages.ts';

// The change sheet's wording, both languages. Kept apart from the sheet's layout (change-sheet.ts).
import type { Lang } from '../i18n/messages.ts';

export interface SheetStrings {
  title: string;
  /** `{count}` connections, prepared `{date}` from `{profile}`. */
  intro: string;
  note: string;
  connection: string;
  region: string;
  baseRead: string;
  cloudTitle: string;
  deviceTitle: string;
  field: string;
  before: string;
  after: string;
  deviceValueSame: string;
  pskHidden: string;
  pskChanged: string;
  noDevice: string;
  deviceLinesTitle: string;
  /** `{vendor}`, `{file}`. */
  deviceLinesIntro: string;
  noDeviceLines: string;
  deviceNotes: string;
  stepsTitle: string;
  /** The confirm-window plan; `{seconds}`. */
  steps: readonly string[];
  stepsNoWindow: readonly string[];
  rollbackTitle: string;
  rollback: string;
  signature: string;
  page: string;
  mirrorExplain: string;
}

export const SHEET_STRINGS: Readonly<Record<Lang, SheetStrings>> = {
  en: {
    title: 'IPsec change sheet',
    intro: '{count} connection(s). Prepared {date} from profile {profile}.',
    note: 'Note from the sender',
    connection: 'Connection',
    region: 'Region',
    baseRead: 'Live values as read',
    cloudTitle: 'Alibaba Cloud end (applied by the engineer in IPsec Studio)',
    deviceTitle: "Customer device end (entered by the technician on the device)",
    field: 'Setting',
    before: 'Before',
    after: 'After',
    deviceValueSame: 'no change on the device',
    pskHidden: '(hidden: ask for a sheet with keys)',
    pskChanged: 'changed',
    noDevice: 'No device profile: the device values below are the mirror image of the cloud end (what the device must hold for the tunnel to come up).',
    deviceLinesTitle: 'Device configuration lines to change',
    deviceLinesIntro: '{vendor}, {file}: "-" lines are removed or replaced, "+" lines are entered.',
    noDeviceLines: 'The device configuration does not change.',
    deviceNotes: 'Notes on the generated lines',
    stepsTitle: 'Steps',
    steps: [
      'Before the window: check that the tunnel is up in IPsec Studio (green) and that traffic passes.',
      'The engineer applies the change with a confirm window of {seconds} seconds.',
      'Within the window, the technician enters the device lines above and saves the device configuration.',
      'Both check: the IKE and IPsec SAs are up, and traffic passes (the health check, a ping across).',
      'The engineer confirms in IPsec Studio before the window ends. Without a confirmation the cloud end is rolled back by itself.',
    ],
    stepsNoWindow: [
      'Before: check that the tunnel is up in IPsec Studio (green) and that traffic passes.',
      'The engineer applies the change (no confirm window is set: there is no automatic rollback).',
      'The technician enters the device lines above at once and saves the device configuration.',
      'Both check: the IKE and IPsec SAs are up, and traffic passes (the health check, a ping across).',
    ],
    rollbackTitle: 'If the tunnel does not come up',
    rollback: 'The cloud end returns to the "Before" column (rollback). The technician puts the "-" lines back on the device, so both ends match again.',
    signature: 'Done by / date / time',
    page: 'Connection {n} of {count}',
    mirrorExplain: 'Device values are the device-side counterpart of each cloud setting: its own identity is the cloud\'s RemoteId, its networks are the cloud\'s RemoteSubnet.',
  },
  'zh-CN': {
    title: 'IPsec 变更单',
    intro: '共 {count} 个连接。{date} 由配置 {profile} 生成。',
    note: '发送方备注',
    connection: '连接',
    region: '地域',
    baseRead: '线上值读取时间',
    cloudTitle: '阿里云端（工程师在 IPsec Studio 中应用）',
    deviceTitle: '用户设备端（技术员在设备上输入）',
    field: '配置项',
    before: '变更前',
    after: '变更后',
    deviceValueSame: '设备上无需变更',
    pskHidden: '（已隐藏：如需密钥请生成含密钥的变更单）',
    pskChanged: '已更改',
    noDevice: '没有对端设备配置：以下设备值为云端的镜像（设备必须具备这些值隧道才能建立）。',
    deviceLinesTitle: '需要变更的设备配置行',
    deviceLinesIntro: '{vendor}，{file}：“-”行需删除或替换，“+”行需输入。',
    noDeviceLines: '设备配置无需变更。',
    deviceNotes: '生成配置的说明',
    stepsTitle: '步骤',
    steps: [
      '变更窗口前：在 IPsec Studio 中确认隧道正常（绿色）且业务流量可通。',
      '工程师应用变更，确认窗口为 {seconds} 秒。',
      '在窗口内，技术员在设备上输入上述配置行并保存设备配置。',
      '双方检查：IKE SA 与 IPsec SA 均已建立，业务流量可通（健康检查、跨隧道 ping）。',
      '工程师在窗口结束前于 IPsec Studio 中确认。未确认时云端会自动回滚。',
    ],
    stepsNoWindow: [
      '变更前：在 IPsec Studio 中确认隧道正常（绿色）且业务流量可通。',
      '工程师应用变更（未设置确认窗口：不会自动回滚）。',
      '技术员立即在设备上输入上述配置行并保存设备配置。',
      '双方检查：IKE SA 与 IPsec SA 均已建立，业务流量可通（健康检查、跨隧道 ping）。',
    ],
    rollbackTitle: '如果隧道未能建立',
    rollback: '云端恢复为“变更前”一栏的值（回滚）。技术员在设备上恢复“-”行，使两端重新一致。',
    signature: '执行人 / 日期 / 时间',
    page: '第 {n} 个连接，共 {count} 个',
    mirrorExplain: '设备值是每个云端配置项在设备侧的对应值：设备自身的身份标识即云端的 RemoteId，设备的网段即云端的 RemoteSubnet。',
  },
};

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[]; icon?: string };
  win?: { target?: string[]; icon?: string };
  mac?: { target?: string[]; icon?: string; hardenedRuntime?: boolean };
  files?: string[];
}

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('IPsec Studio');
  });

  it('packs the app into an asar archive', () => {
    expect(config.asar).toBe(true);
  });

  it('flips every security fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('targets AppImage + deb, NSIS and DMG with the icon from assets/', () => {
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    for (const icon of [config.linux?.icon, config.win?.icon, config.mac?.icon]) {
      expect(icon).toMatch(/^assets\//);
      expect(existsSync(icon as string)).toBe(true);
    }
  });

  it('ships only the build output, not sources or tests', () => {
    expect(config.files).toContain('out/**');
    expect(config.files?.some((entry) => /^(core|main|renderer|test|emulator)\b/.test(entry))).toBe(false);
  });
});

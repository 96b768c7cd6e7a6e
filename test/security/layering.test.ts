// The layering rules of eslint.config.js, exercised on snippets so a loosened rule fails here.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'fatal');
}

describe('layering lint rules', () => {
  it.each(['main/services/x.ts', 'main/handlers/x.ts', 'renderer/src/x.ts', 'core/x.ts', 'emulator/x.ts'])(
    '%s may not import electron',
    async (file) => {
      expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", file)).toContain('no-restricted-imports');
    },
  );

  it.each(['main/electron/x.ts', 'preload/index.ts'])('%s may import electron', async (file) => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", file)).toEqual([]);
  });

  it.each([
    "import fs from 'node:fs';\nexport const a = fs;\n",
    "import path from 'path';\nexport const a = path;\n",
    "import { x } from '../main/compose.ts';\nexport const a = x;\n",
    'export const a = window.location.href;\n',
    'export const a = process.env.HOME;\n',
  ])('core/ refuses platform code: %s', async (code) => {
    const ids = await ruleIds(code, 'core/model/x.ts');
    expect(ids.some((id) => id === 'no-restricted-imports' || id === 'no-restricted-globals')).toBe(true);
  });

  it('the renderer cannot reach main or Node directly', async () => {
    expect(await ruleIds("import { x } from '../../main/compose.ts';\nexport const a = x;\n", 'renderer/src/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import fs from 'node:fs';\nexport const a = fs;\n", 'renderer/src/x.ts')).toContain('no-restricted-imports');
  });
});

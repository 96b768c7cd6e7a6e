import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/src/App.tsx';
import { i18n } from '../../../renderer/src/i18n/index.ts';
import { createFakeMain, type FakeMainOptions } from './fake-main.ts';

export async function renderStudio(options: FakeMainOptions = {}) {
  await i18n.changeLanguage('en');
  const main = createFakeMain(options);
  const user = userEvent.setup();
  const view = render(<App api={main.api} />);
  await screen.findByRole('treeitem', { name: /hz-dual-gateway|gateway-0000/ });
  return { main, user, view };
}

/** Clicks a connection in the tree and waits for its editor. */
export async function openConnection(user: ReturnType<typeof userEvent.setup>, name: RegExp | string) {
  const tree = screen.getByRole('tree');
  await user.click(within(tree).getByRole('treeitem', { name }));
  await screen.findByRole('heading', { level: 1, name: typeof name === 'string' ? name : undefined });
}

export function input(name: string): HTMLInputElement | HTMLSelectElement {
  const el = document.querySelector<HTMLInputElement>(`#editor-grid [name="${name}"]`);
  if (!el) throw new Error(`no input named ${name}`);
  return el;
}

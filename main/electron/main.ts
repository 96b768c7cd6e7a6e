// Electron entry point: the only place that wires Electron to the plain-Node services.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session } from 'electron';
import { composeApp } from '../compose.ts';
import { devServerUrl, devToolsAllowed } from '../security/launch.ts';
import { buildWebPreferences } from '../security/web-preferences.ts';
import { APP_ORIGIN } from '../security/origin.ts';
import { hardenSession, hardenWebContents } from './harden.ts';
import { printHtmlToPdf } from './print-pdf.ts';
import { createEventSink, registerIpcHandlers } from './ipc.ts';
import { electronStoreFactory } from './store-factory.ts';
import { registerAppScheme, serveRendererOverAppScheme } from './protocol.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
// electron-vite's dev server (npm run dev) serves the renderer over http; every other run uses app://.
const launch = { isPackaged: app.isPackaged, env: process.env };
const devUrl = devServerUrl(launch);
const rendererOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;

app.enableSandbox();
registerAppScheme();

// A second instance hands over to the first and composes nothing: two processes on one data folder would race.
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'IPsec Studio',
    webPreferences: buildWebPreferences(preloadPath, { devTools: devToolsAllowed(launch) }),
  });
  hardenWebContents(window.webContents, rendererOrigin);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rendererOrigin));

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

if (firstInstance) void app.whenReady().then(start);

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveRendererOverAppScheme(rendererDir);
  const composed = await composeApp({
    facts: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      arch: process.arch,
      versions: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
    },
    dataDir: app.getPath('userData'),
    storeFactory: electronStoreFactory,
    // keychain: probed (keytar) inside composeApp; session-only when no keychain answers.
    emit: createEventSink(() => mainWindow?.webContents ?? null),
    printPdf: printHtmlToPdf,
  });
  app.on('will-quit', () => void composed.dispose());
  const table = composed.table;
  registerIpcHandlers(table, {
    allowedOrigins: [rendererOrigin],
    onInternalError: (method, error) => console.error(`[ipc] ${method} failed`, error),
  });
  mainWindow = createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
}

// The change sheet printed by Chromium inside Electron: a hidden window with scripts off loads the self-contained
// page (its own CSP allows nothing but inline style) and prints it to A4. Destroyed whatever happens.
import { BrowserWindow } from 'electron';
import { buildPrintWebPreferences } from '../security/web-preferences.ts';

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const window = new BrowserWindow({ show: false, webPreferences: buildPrintWebPreferences() });
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
  }
}

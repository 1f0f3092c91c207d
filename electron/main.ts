import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type IpcMainInvokeEvent, type MenuItemConstructorOptions, type OpenDialogOptions } from 'electron';
import { openService, type Service } from '../service';
import { ApiError } from '../shared/contract/errors';
import { log } from '../service/log';
// host/paths.ts only (no import.meta there); never host/server.ts.
import { APP_DIR_NAME, clockFrom, parseArgs } from '../host/paths';
import { registerIpc, makeTrustedSenderCheck } from './ipc';
import { makeOpenDocument } from './openDocument';
import type { PickPathInput, PickPathOutput } from '../shared/contract/slices/system';
import { hardenApp, hardenSession, mainWindowOptions } from './security';

/**
 * The Electron shell: lifecycle, one window, the Chinese menu. The review
 * logic lives in service/ and is the same code the Node host serves.
 */

declare const __APP_VERSION__: string | undefined;

const TITLE = '长护服务机构定点审核';
const LARGE_ZOOM = 1.25;

// main.cjs sits in <root>/dist-electron/ both in a checkout and inside app.asar,
// so paths are taken from it, whichever way Electron was started.
const ROOT = path.resolve(__dirname, '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const INDEX_HTML = path.join(RENDERER_DIR, 'index.html');
const PRELOAD = path.join(__dirname, 'preload.cjs');

const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : app.getVersion();

// Flags after the app path: --data DIR; --today YYYY-MM-DD (unpackaged runs only: demos and tests).
const { flags } = parseArgs(process.argv.slice(1));
// The data folder is Electron's userData folder. By default it is the same
// folder the Node host and CLI use (host/paths.ts: <appData>/ltc-designation-review),
// not Electron's default <appData>/<productName>, so every tool sees the same
// database. --data moves it; Chromium's profile and the single-instance lock
// move with it, so a test instance does not collide with a clerk's running app.
const DATA_DIR = typeof flags.data === 'string' ? path.resolve(flags.data) : path.join(app.getPath('appData'), APP_DIR_NAME);
function prepareDataDir(): boolean {
  try {
    mkdirSync(DATA_DIR, { recursive: true }); // setPath throws for a folder that does not exist
    app.setPath('userData', DATA_DIR);
    return true;
  } catch (e) {
    log.error(`cannot use the data folder ${DATA_DIR}`, e);
    dialog.showErrorBox('无法打开审核数据', `无法创建或使用数据文件夹：\n${DATA_DIR}\n\n请检查该文件夹的写入权限。程序将退出。\n\n技术信息：${(e as Error)?.message ?? String(e)}`);
    app.exit(1);
    return false;
  }
}

let mainWindow: BrowserWindow | null = null;
let service: Service | null = null;
let largeFont = false;

app.enableSandbox();
// Date pickers and number formats follow the UI language, not the OS locale of the laptop.
app.commandLine.appendSwitch('lang', 'zh-CN');

if (!prepareDataDir()) {
  // exiting
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  hardenApp(app, RENDERER_DIR, log);
  app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, RENDERER_DIR, log);
  const dataDir = DATA_DIR;
  let now: (() => Date) | undefined;
  try {
    // A fixed "today" is for demos and tests only: an installed app always uses
    // the real clock, so records cannot be back-dated with a command-line flag.
    if (!app.isPackaged) now = clockFrom(typeof flags.today === 'string' ? flags.today : process.env.LTC_TODAY);
    service = await openService({ dataDir, version, ...(now ? { now } : {}) });
  } catch (e) {
    log.error(`could not open the data folder ${dataDir}`, e);
    const reason =
      e instanceof ApiError
        ? e.message
        : `数据库文件无法打开（可能已被另一个程序占用、文件已损坏，或没有写入权限）。\n技术信息：${(e as Error)?.message ?? String(e)}`;
    dialog.showErrorBox('无法打开审核数据', `无法打开数据文件夹：\n${dataDir}\n\n原因：${reason}\n\n程序将退出。数据未作任何修改。如问题持续，请联系技术支持。`);
    app.exit(1);
    return;
  }

  registerIpc(
    ipcMain,
    service,
    makeTrustedSenderCheck(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null), RENDERER_DIR),
    { pickPath, openDocument: makeOpenDocument(shell, () => service!.ctx) },
  );
  Menu.setApplicationMenu(buildMenu(dataDir));
  createWindow();
}

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(PRELOAD, TITLE));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  // Keep our title; the page's <title> may differ while it loads.
  win.on('page-title-updated', (e) => e.preventDefault());
  win.webContents.on('did-finish-load', () => win.webContents.setZoomFactor(largeFont ? LARGE_ZOOM : 1));
  win.webContents.on('render-process-gone', (_e, details) => log.error(`renderer gone: ${details.reason}`));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadFile(INDEX_HTML).catch((e) => {
    log.error(`could not load ${INDEX_HTML}`, e);
    dialog.showErrorBox('无法显示程序界面', `找不到或无法加载界面文件：\n${INDEX_HTML}\n\n请重新安装本程序，或在源代码目录运行 npm run build。`);
    app.exit(1);
  });
}

/**
 * system.pickPath (issue 5): the native open/save dialog, modal to the window
 * that asked (the payload is already validated by electron/ipc.ts). Only the
 * chosen path goes back; the file is read or written by the method it is for.
 */
async function pickPath(event: IpcMainInvokeEvent, input: PickPathInput): Promise<PickPathOutput> {
  if (input.probe) return { available: true, paths: [] };
  const win = BrowserWindow.fromWebContents(event.sender) ?? mainWindow;
  const filters = input.filters?.map((f) => ({ name: f.name, extensions: f.extensions }));
  if (input.mode === 'save') {
    // a file name only: the folder is the clerk's choice in the dialog
    const name = input.defaultName ? path.basename(input.defaultName) : undefined;
    const opts = { title: input.title, buttonLabel: '保存', ...(name ? { defaultPath: path.join(app.getPath('documents'), name) } : {}), ...(filters ? { filters } : {}) };
    const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    return { available: true, paths: r.canceled || !r.filePath ? [] : [r.filePath] };
  }
  const properties: OpenDialogOptions['properties'] = input.multi ? ['openFile', 'multiSelections'] : ['openFile'];
  const opts: OpenDialogOptions = { title: input.title, buttonLabel: '打开', properties, ...(filters ? { filters } : {}) };
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return { available: true, paths: r.canceled ? [] : r.filePaths };
}

function buildMenu(dataDir: string): Menu {
  const view: MenuItemConstructorOptions[] = [
    {
      id: 'large-font',
      label: '大字体模式',
      type: 'checkbox',
      checked: largeFont,
      accelerator: 'CmdOrCtrl+Shift+L',
      click: (item) => {
        largeFont = item.checked;
        mainWindow?.webContents.setZoomFactor(largeFont ? LARGE_ZOOM : 1);
      },
    },
    { type: 'separator' },
    { label: '重新加载', role: 'reload', accelerator: 'CmdOrCtrl+R' },
  ];
  if (!app.isPackaged) {
    view.push({ label: '开发者工具', role: 'toggleDevTools', accelerator: process.platform === 'darwin' ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' });
  }
  const template: MenuItemConstructorOptions[] = [
    { label: '文件', submenu: [{ label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' }] },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于',
          accelerator: 'F1',
          click: () => {
            const opts = {
              type: 'info' as const,
              title: '关于',
              message: TITLE,
              detail: `版本 ${version}\n数据文件夹：${dataDir}\n\n所有数据只保存在本机，不会上传到网络。`,
              buttons: ['确定'],
            };
            void (mainWindow ? dialog.showMessageBox(mainWindow, opts) : dialog.showMessageBox(opts));
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

let closing = false;
app.on('before-quit', (event) => {
  if (closing || !service) return;
  // Close the database (checkpoint the WAL) before the process goes.
  event.preventDefault();
  closing = true;
  const s = service;
  service = null;
  s.close()
    .catch((e) => log.error('closing the service failed', e))
    .finally(() => app.quit());
});

app.on('window-all-closed', () => app.quit());

function fatal(e: unknown): void {
  log.error('start-up failed', e);
  dialog.showErrorBox('程序启动失败', `${(e as Error)?.message ?? String(e)}`);
  app.exit(1);
}

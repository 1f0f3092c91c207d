import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';
import type { Output } from '../../../shared/contract/methods';

export type AppInfo = Output<'app.info'>;

interface AppState {
  info: AppInfo | null;
  /** app.info answered or failed: pages may render */
  ready: boolean;
  refreshInfo: () => Promise<void>;
  largeFont: boolean;
  setLargeFont: (on: boolean) => void;
}

const Ctx = createContext<AppState | null>(null);

const FONT_KEY = 'ltc.largeFont';

/** Reads the 大字体 choice; main.tsx applies it before the first paint. */
export function storedLargeFont(): boolean {
  try {
    return localStorage.getItem(FONT_KEY) === '1';
  } catch {
    return false;
  }
}

/** 适老化 (003 第四十七条): the root font size scales every rem in the stylesheet. */
export function applyLargeFont(on: boolean) {
  document.documentElement.dataset.fontSize = on ? 'large' : 'normal';
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [ready, setReady] = useState(false);
  const [largeFont, setLarge] = useState(storedLargeFont);

  const refreshInfo = useCallback(async () => {
    try {
      setInfo(await api['app.info']({}));
    } catch {
      // The top bar shows "未连接"; pages report their own errors.
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => {
    void refreshInfo();
  }, [refreshInfo]);

  const setLargeFont = useCallback((on: boolean) => {
    setLarge(on);
    applyLargeFont(on);
    try {
      localStorage.setItem(FONT_KEY, on ? '1' : '0');
    } catch {
      // private mode: the switch still works for this session
    }
  }, []);

  return <Ctx.Provider value={{ info, ready, refreshInfo, largeFont, setLargeFont }}>{children}</Ctx.Provider>;
}

export function useApp(): AppState {
  const c = useContext(Ctx);
  if (!c) throw new Error('useApp outside AppProvider');
  return c;
}

/** Today as the back end sees it ('YYYY-MM-DD'), so dates default to the service's day. */
export function useToday(): string {
  const { info } = useApp();
  return info?.today ?? localToday();
}

function localToday(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return d.toISOString().slice(0, 10);
}

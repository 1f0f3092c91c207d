import { useEffect, useState, useSyncExternalStore } from 'react';
import { api, ApiError } from '../api';
import type { Input, Method, Output } from '../../../shared/contract/methods';

/**
 * The panel member signed in on this computer (scoring.signIn with their PIN).
 * Kept in memory only: a reload, a sign-out or 30 minutes without a call to
 * the back end (its idle limit) ends it, so on a shared laptop nobody walks
 * into someone else's sheet. One member at a time.
 */
export interface ScoringSession {
  roundId: string;
  memberId: string;
  name: string;
  role: 'chair' | 'member';
  token: string;
  /** Date.now() of the last successful call (the back end's idle timer restarts on each) */
  lastActive: number;
}

/** The back end's idle limit (service/handlers/panel.ts SESSION_IDLE_MS). */
export const IDLE_MS = 30 * 60_000;

let current: ScoringSession | null = null;
/** why the last session ended, when it did not end by 退出登录 */
let endNotice: string | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export async function signIn(roundId: string, memberId: string, pin: string): Promise<ScoringSession> {
  const r = await api['scoring.signIn']({ roundId, memberId, pin });
  if (current) void api['scoring.signOut']({ session: current.token }).catch(() => undefined);
  current = { roundId, memberId: r.memberId, name: r.name, role: r.role, token: r.session, lastActive: Date.now() };
  endNotice = null;
  emit();
  return current;
}

/**
 * Member laptop (issue 5): signs in with the member's key passphrase
 * (offline.signIn) instead of a PIN; the session is the same kind and works
 * with every scoring.* method.
 */
export async function signInWithPassphrase(roundId: string, memberId: string, passphrase: string): Promise<ScoringSession> {
  const r = await api['offline.signIn']({ roundId, memberId, passphrase });
  if (current) void api['scoring.signOut']({ session: current.token }).catch(() => undefined);
  current = { roundId, memberId: r.memberId, name: r.name, role: r.role, token: r.session, lastActive: Date.now() };
  endNotice = null;
  emit();
  return current;
}

/** Ends the session; `notice` says why when it was not the member's choice. */
export function signOut(notice: string | null = null) {
  if (!current) return;
  void api['scoring.signOut']({ session: current.token }).catch(() => undefined);
  current = null;
  endNotice = notice;
  emit();
}

export function clearEndNotice() {
  if (endNotice === null) return;
  endNotice = null;
  emit();
}

/** Methods a member calls as themself. */
type MemberMethod = {
  [M in Method]: Input<M> extends { actingMemberId: string; session: string } ? M : never;
}[Method];

type Extra<M extends MemberMethod> = Omit<Input<M>, 'roundId' | 'actingMemberId' | 'session'>;

/** Calls `method` as the signed-in member; an expired or foreign session signs out. */
export async function asMember<M extends MemberMethod>(method: M, extra: Extra<M>): Promise<Output<M>> {
  const s = current;
  if (!s) throw new Error('请先选择评分成员并输入PIN登录');
  const call = api[method] as unknown as (input: unknown) => Promise<Output<M>>;
  try {
    const out = await call({ ...extra, roundId: s.roundId, actingMemberId: s.memberId, session: s.token });
    if (current === s) {
      current = { ...s, lastActive: Date.now() };
      emit();
    }
    return out;
  } catch (e) {
    if (e instanceof ApiError && /登录已过期|当前登录的不是该成员/.test(e.message) && current === s) {
      current = null;
      endNotice = e.message;
      emit();
    }
    throw e;
  }
}

/**
 * The session of this round (null when nobody is signed in for it), and why
 * the last one ended. Signs out after IDLE_MS without a call.
 */
export function useScoringSession(roundId: string): { session: ScoringSession | null; endNotice: string | null; minutesLeft: number | null } {
  const s = useSyncExternalStore(subscribe, () => current);
  const notice = useSyncExternalStore(subscribe, () => endNotice);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!s) return;
    const tick = () => {
      const t = Date.now();
      // re-render once a minute (the countdown), not on every tick
      setNow((prev) => (Math.floor(prev / 60_000) === Math.floor(t / 60_000) ? prev : t));
      if (current && t - current.lastActive >= IDLE_MS) signOut('超过30分钟没有操作，已自动退出登录。请重新输入PIN。');
    };
    const id = window.setInterval(tick, 5_000);
    return () => window.clearInterval(id);
  }, [s]);
  const mine = s && s.roundId === roundId ? s : null;
  const minutesLeft = mine ? Math.max(0, Math.ceil((mine.lastActive + IDLE_MS - Math.max(now, mine.lastActive)) / 60_000)) : null;
  return { session: mine, endNotice: notice, minutesLeft };
}

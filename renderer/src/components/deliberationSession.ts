import { useEffect, useState, useSyncExternalStore } from 'react';
import { api, ApiError } from '../api';

/**
 * PIN sessions of 集体评议 on the clerk's laptop. Two slots, kept in memory
 * only (a reload ends them):
 * - 'chair': the chair, for opening the meeting, the agenda order, decisions,
 *   substitutes and sealing; stays signed in while the meeting runs;
 * - 'voter': the member (or substitute) voting now; signed out after the vote
 *   so the next person starts from the picker.
 * The back end ends a session after 30 idle minutes ("登录已过期"): the slot is
 * cleared with a notice and the screen asks for the PIN again.
 */
export type Slot = 'chair' | 'voter';

export interface DelibSession {
  slot: Slot;
  roundId: string;
  /** panel member id, or the person id of a substitute */
  id: string;
  name: string;
  kind: 'member' | 'substitute';
  token: string;
  lastActive: number;
}

export const IDLE_MS = 30 * 60_000;
export const EXPIRED_NOTICE = '登录已过期（超过30分钟没有操作），请重新输入PIN。';

const sessions: Record<Slot, DelibSession | null> = { chair: null, voter: null };
const notices: Record<Slot, string | null> = { chair: null, voter: null };
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

function set(slot: Slot, s: DelibSession | null, notice: string | null = null) {
  const old = sessions[slot];
  if (old && old.token !== s?.token) void api['scoring.signOut']({ session: old.token }).catch(() => undefined);
  sessions[slot] = s;
  notices[slot] = notice;
  emit();
}

/**
 * Signs in with the PIN: for a meeting through deliberation.signIn (members
 * and substitutes), before one is open through scoring.signIn (members).
 */
export async function signIn(slot: Slot, where: { roundId: string; meetingId?: string | null }, id: string, pin: string): Promise<DelibSession> {
  let s: DelibSession;
  if (where.meetingId) {
    const r = await api['deliberation.signIn']({ meetingId: where.meetingId, voterId: id, pin });
    s = { slot, roundId: where.roundId, id: r.voterId, name: r.name, kind: r.kind, token: r.session, lastActive: Date.now() };
  } else {
    const r = await api['scoring.signIn']({ roundId: where.roundId, memberId: id, pin });
    s = { slot, roundId: where.roundId, id: r.memberId, name: r.name, kind: 'member', token: r.session, lastActive: Date.now() };
  }
  set(slot, s);
  return s;
}

export function signOut(slot: Slot, notice: string | null = null) {
  if (!sessions[slot] && notices[slot] === notice) return;
  set(slot, null, notice);
}

export function clearNotice(slot: Slot) {
  if (notices[slot] === null) return;
  notices[slot] = null;
  emit();
}

export function currentSession(slot: Slot): DelibSession | null {
  return sessions[slot];
}

export const isExpiry = (e: unknown) => e instanceof ApiError && /登录已过期|当前登录的不是该成员/.test(e.message);

/**
 * Runs a call as the signed-in person of `slot`. An expired or foreign
 * session clears the slot (the screen asks for the PIN again) and rethrows.
 */
export async function actAs<T>(slot: Slot, fn: (actor: { actingMemberId: string; session: string }) => Promise<T>): Promise<T> {
  const s = sessions[slot];
  if (!s) throw new Error(slot === 'chair' ? '请组长先输入PIN登录' : '请先选择成员并输入PIN');
  try {
    const out = await fn({ actingMemberId: s.id, session: s.token });
    if (sessions[slot] === s) {
      sessions[slot] = { ...s, lastActive: Date.now() };
      emit();
    }
    return out;
  } catch (e) {
    if (isExpiry(e) && sessions[slot] === s) {
      sessions[slot] = null;
      notices[slot] = e instanceof ApiError && /登录已过期/.test(e.message) ? EXPIRED_NOTICE : e instanceof Error ? e.message : EXPIRED_NOTICE;
      emit();
    }
    throw e;
  }
}

/** The session of `slot` for this round (null otherwise), why the last one ended, and the idle countdown. */
export function useDelibSession(slot: Slot, roundId: string | null | undefined): { session: DelibSession | null; notice: string | null; minutesLeft: number | null } {
  const s = useSyncExternalStore(subscribe, () => sessions[slot]);
  const notice = useSyncExternalStore(subscribe, () => notices[slot]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!s) return;
    const id = window.setInterval(() => {
      const t = Date.now();
      setNow((prev) => (Math.floor(prev / 60_000) === Math.floor(t / 60_000) ? prev : t));
      const cur = sessions[slot];
      if (cur && t - cur.lastActive >= IDLE_MS) signOut(slot, EXPIRED_NOTICE);
    }, 5_000);
    return () => window.clearInterval(id);
  }, [s, slot]);
  const mine = s && roundId && s.roundId === roundId ? s : null;
  const minutesLeft = mine ? Math.max(0, Math.ceil((mine.lastActive + IDLE_MS - Math.max(now, mine.lastActive)) / 60_000)) : null;
  return { session: mine, notice, minutesLeft };
}

import { useEffect, useRef } from 'react';
import { api } from '../api';
import { useDelibSession, type Slot } from './deliberationSession';
import { useLoad } from './useLoad';

/**
 * A meeting's agenda and the applicant shown (the one in the address, else the
 * first on the agenda). With `pollMs` both are read again while the window is
 * visible, so the projector follows votes entered on another screen. With
 * `viewerSlot` the PIN session in that slot is sent as the viewer: the back end
 * then also returns that person's own votes, which it otherwise withholds
 * until the ballot is complete (表决保密).
 */
export function useMeeting(meetingId: string, applicationId: string | undefined, pollMs = 0, viewerSlot?: Slot) {
  const agenda = useLoad(() => api['deliberation.agenda']({ meetingId }), [meetingId]);
  const appId = applicationId ?? agenda.data?.items[0]?.applicationId ?? null;
  const { session } = useDelibSession(viewerSlot ?? 'voter', viewerSlot ? agenda.data?.meeting.roundId : null);
  const viewerId = session?.id;
  const viewerToken = session?.token;
  const applicant = useLoad(
    () =>
      appId
        ? api['deliberation.applicant']({ meetingId, applicationId: appId, ...(viewerId && viewerToken ? { viewer: { actingMemberId: viewerId, session: viewerToken } } : {}) })
        : Promise.resolve(null),
    [meetingId, appId],
  );
  const reloadAgenda = agenda.reload;
  const reloadApplicant = applicant.reload;
  // a new viewer (sign-in, sign-out) reads the applicant again without clearing it first, so the open form stays mounted
  const viewerKey = `${viewerId ?? ''}|${viewerToken ?? ''}`;
  const lastViewer = useRef(viewerKey);
  useEffect(() => {
    if (lastViewer.current === viewerKey) return;
    lastViewer.current = viewerKey;
    void reloadApplicant();
  }, [viewerKey, reloadApplicant]);
  useEffect(() => {
    if (!pollMs) return;
    const id = window.setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      void reloadAgenda();
      void reloadApplicant();
    }, pollMs);
    return () => window.clearInterval(id);
  }, [pollMs, reloadAgenda, reloadApplicant]);
  return { agenda, applicant, appId };
}

import { useEffect } from 'react';
import { api } from '../api';
import { useLoad } from './useLoad';

/**
 * A meeting's agenda and the applicant shown (the one in the address, else the
 * first on the agenda). With `pollMs` both are read again while the window is
 * visible, so the projector follows votes entered on another screen.
 */
export function useMeeting(meetingId: string, applicationId: string | undefined, pollMs = 0) {
  const agenda = useLoad(() => api['deliberation.agenda']({ meetingId }), [meetingId]);
  const appId = applicationId ?? agenda.data?.items[0]?.applicationId ?? null;
  const applicant = useLoad(() => (appId ? api['deliberation.applicant']({ meetingId, applicationId: appId }) : Promise.resolve(null)), [meetingId, appId]);
  const reloadAgenda = agenda.reload;
  const reloadApplicant = applicant.reload;
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

/** 审核结果公示 of a round (issue 7). Placeholder until the screen is built. */
export function PublicNoticePage({ roundId, noticeId }: { roundId: string; noticeId?: string | undefined }) {
  return <div className="page" data-round={roundId} data-notice={noticeId} />;
}

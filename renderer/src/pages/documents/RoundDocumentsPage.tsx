/** 文书与打印 of a round (issue 7). Placeholder until the screen is built. */
export function RoundDocumentsPage({ roundId }: { roundId: string }) {
  return <div className="page" data-round={roundId} />;
}

// ?tab=trace (share-url.md: presentation, not state, in the query string)
// opens the page on the trace. Narrow screens stack the panes, so there
// the decision and trace come first; on wide screens they sit beside the
// policies, so the trace is scrolled into view in its pane. Either way it
// gets the focus once the first decision is shown.

export function openTab(tab, firstDecisionShown) {
  if (tab !== 'trace') return;
  document.body.classList.add('tab-trace');
  firstDecisionShown.then(() => {
    const heading = document.getElementById('trace-heading');
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  });
}

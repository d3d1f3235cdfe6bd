import { useEffect } from 'react';
import { useApp } from '../app/app-context';
import { useStore } from '../app/store';

/** First run: an empty library offers the sample (until the analyst dismisses the offer). */
export function SampleOffer() {
  const { research, actions } = useApp();
  const { sidebar } = research;
  const stats = useStore(sidebar, (state) => state.stats);
  const dismissed = useStore(sidebar, (state) => state.sampleDismissed);
  const loading = useStore(sidebar, (state) => state.loadingSample);

  useEffect(() => {
    if (!sidebar.getState().stats) void sidebar.refreshStats();
  }, [sidebar]);

  if (!stats || stats.events > 0 || stats.sources > 0 || dismissed) return null;
  return (
    <div className="bd-sample-offer" data-testid="sample-offer">
      <p className="bd-sample-offer__title">Your library is empty</p>
      <p className="bd-muted">Import GDELT or ACLED files, event spreadsheets, saved articles or feeds with Import… or by dropping them on the window — or start with a worked example.</p>
      <div className="bd-sample-offer__actions">
        <button
          type="button"
          className="bd-button bd-button--primary bd-button--small"
          data-testid="load-sample"
          disabled={loading}
          onClick={() =>
            void sidebar.loadSample().then((error) => {
              if (error) actions.showError(error);
            })
          }
        >
          {loading ? 'Loading…' : 'Load the sample library (rare earths and the 2025 US–China talks)'}
        </button>
        <button type="button" className="bd-button bd-button--ghost bd-button--small" data-testid="dismiss-sample" onClick={() => sidebar.dismissSample()}>
          No thanks
        </button>
      </div>
    </div>
  );
}

import { OutlinePanel } from '../editor/outline-panel';
import { useStore } from '../stores/store';
import { useApp } from './app-context';
import { HistoryPanel } from './history-panel';

/** The right panel: the note's outline, or its history. */
export function SidePanel() {
  const { ui, editor: editorStore, history } = useApp();
  const tab = useStore(ui, (state) => state.rightTab);
  const editor = useStore(editorStore, (state) => state.editor);

  return (
    <aside className="bd-side" aria-label="Outline and history">
      <div className="bd-tabs" role="tablist">
        <button type="button" role="tab" className="bd-tab" aria-selected={tab === 'outline'} data-testid="outline-tab" onClick={() => ui.setRightTab('outline')}>
          Outline
        </button>
        <button
          type="button"
          role="tab"
          className="bd-tab"
          aria-selected={tab === 'history'}
          data-testid="history-tab"
          onClick={() => {
            ui.setRightTab('history');
            void history.refresh();
          }}
        >
          History
        </button>
      </div>
      <div className="bd-side__body" role="tabpanel">
        {tab === 'outline' ? <OutlinePanel editor={editor} /> : <HistoryPanel />}
      </div>
    </aside>
  );
}

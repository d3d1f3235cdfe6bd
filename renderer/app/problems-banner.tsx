import { describeProblem } from './problems-store';
import { useStore } from './store';
import { useApp } from './app-context';
import { CloseIcon, WarningIcon } from '../ui/icons';

/** Warns once about workspace files that were unreadable and set aside at start. */
export function ProblemsBanner() {
  const { problems } = useApp();
  const list = useStore(problems, (state) => state.problems);
  const dismissed = useStore(problems, (state) => state.dismissed);
  if (dismissed || list.length === 0) return null;
  return (
    <div className="bd-problems" role="alert" data-testid="problems-banner">
      <WarningIcon className="bd-problems__icon" />
      <div className="bd-problems__text">
        <strong>{list.length === 1 ? 'A workspace file was damaged.' : `${list.length} workspace files were damaged.`}</strong>
        <ul>
          {list.map((problem) => (
            <li key={`${problem.file}:${problem.at}`} title={problem.message}>
              {describeProblem(problem)}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="bd-icon-button" aria-label="Dismiss" onClick={() => problems.dismiss()}>
        <CloseIcon />
      </button>
    </div>
  );
}

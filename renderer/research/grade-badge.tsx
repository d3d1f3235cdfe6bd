import type { Grade } from '../../core/index';

/** Colour band of a reliability grade: A/B good, C/D doubtful, E/F poor or unknown. */
export function gradeTone(reliability: Grade['reliability']): 'good' | 'fair' | 'poor' | 'none' {
  if (reliability === 'A' || reliability === 'B') return 'good';
  if (reliability === 'C' || reliability === 'D') return 'fair';
  if (reliability === 'E' || reliability === 'F') return 'poor';
  return 'none';
}

/** "B2", "C", "–3": the Admiralty grade as analysts write it. */
export function gradeLabel(grade: Grade): string {
  if (!grade.reliability && !grade.credibility) return '';
  return `${grade.reliability ?? '–'}${grade.credibility ?? ''}`;
}

/** A small coloured grade badge; nothing when the source is ungraded. */
export function GradeBadge({ grade }: { grade: Grade }) {
  const label = gradeLabel(grade);
  if (!label) return <span className="bd-grade bd-grade--none" title="Not graded">–</span>;
  return (
    <span className={`bd-grade bd-grade--${gradeTone(grade.reliability)}`} data-testid="grade-badge" title={`Reliability ${grade.reliability ?? 'not set'}, credibility ${grade.credibility ?? 'not set'}`}>
      {label}
    </span>
  );
}

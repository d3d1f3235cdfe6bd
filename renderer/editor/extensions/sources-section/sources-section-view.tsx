import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import type { SourcesSectionViewOptions } from './sources-section';

/** The Sources box: read-only, filled from the note's citations by a later feature. */
export function SourcesSectionView({ extension, selected }: ReactNodeViewProps) {
  const options = extension.options as Partial<SourcesSectionViewOptions>;
  return (
    <NodeViewWrapper
      className={selected ? 'bd-sources-section is-selected' : 'bd-sources-section'}
      data-sources-section=""
      data-testid="sources-section"
      contentEditable={false}
      role="region"
      aria-label="Sources"
    >
      <p className="bd-sources-section__empty">{options.emptyText}</p>
    </NodeViewWrapper>
  );
}

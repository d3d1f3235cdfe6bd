import type { Node as PmNode } from '@tiptap/pm/model';
import type { Grade } from '../domain/library';
import { TLP_LEVELS, normalizeMarking, toTlpLevel } from '../domain/marking';
import type { DocNode } from '../domain/note';
import { findEmptySections } from '../export/prune-empty';

/** One finding of the Sourcing panel. */
export interface SourcingIssue {
  kind: 'uncited-paragraph' | 'single-source' | 'weak-sources' | 'stale-fact' | 'broken-citation' | 'marking-below-sources' | 'empty-section';
  /** What is wrong and what to do, for a person. */
  message: string;
  /** Document position to jump to, or null when the issue concerns the whole note. */
  pos: number | null;
  /** empty-section only: the heading's text ('' for a heading that is itself an unfilled placeholder). */
  heading?: string;
}

/**
 * Findings that make an export stop and ask (go back or export anyway): the note would hand on a
 * fact or citation that no longer holds, or carry a marking below its sources'. The others are
 * drafting advice and do not interrupt an export.
 */
export const EXPORT_BLOCKING_KINDS: ReadonlySet<SourcingIssue['kind']> = new Set(['stale-fact', 'broken-citation', 'marking-below-sources']);

/**
 * Findings that are information, not problems: a section with nothing in it yet is left out of the
 * export (core/export/prune-empty) unless the analyst keeps empty sections. Never blocking.
 */
export const SOURCING_INFO_KINDS: ReadonlySet<SourcingIssue['kind']> = new Set(['empty-section']);

/** How much a finding weighs: blocking (the export stops and asks), advice (drafting), or information. */
export type SourcingSeverity = 'blocking' | 'advice' | 'info';

/** The severity of a kind of finding. */
export function sourcingSeverity(kind: SourcingIssue['kind']): SourcingSeverity {
  if (EXPORT_BLOCKING_KINDS.has(kind)) return 'blocking';
  return SOURCING_INFO_KINDS.has(kind) ? 'info' : 'advice';
}

/** "“Talking points” has nothing in it yet; it will be left out of the export." */
export function emptySectionMessage(title: string): string {
  return `${title ? `“${title}”` : 'An untitled section'} has nothing in it yet; it will be left out of the export.`;
}

/** The sections an export leaves out, as information findings at their headings. */
function emptySectionIssues(doc: PmNode): SourcingIssue[] {
  const sections = findEmptySections(doc.toJSON() as DocNode);
  if (sections.length === 0) return [];
  const offsets: number[] = [];
  doc.forEach((_block, offset) => offsets.push(offset));
  return sections.map((section) => ({ kind: 'empty-section', message: emptySectionMessage(section.title), pos: offsets[section.index] ?? null, heading: section.title }));
}

/** Where cited sources and events stand now (from `library:provenance`). */
export interface SourcingContext {
  /** Cited sources; null = deleted from the library. */
  sources: ReadonlyMap<string, { grade: Grade | null; marking?: string | null } | null>;
  events: ReadonlyMap<string, { status: 'current' | 'deleted'; datasetVersion: number; removedUpstream: boolean }>;
  /** The note's own handling marking. */
  noteMarking: string;
}

/** Sections whose paragraphs are judgments that must rest on sources. */
type JudgedSection = 'BLUF' | 'key judgment' | 'assessment';

function judgedSectionOf(headingText: string): JudgedSection | null {
  const text = headingText.toLowerCase().replace(/[^a-z ]/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === 'bluf' || text.startsWith('bluf ') || text.startsWith('bottom line up front')) return 'BLUF';
  if (text.startsWith('key judgment') || text.startsWith('key judgement')) return 'key judgment';
  if (text.startsWith('assessment')) return 'assessment';
  return null;
}

const PARAGRAPH_NAME: Record<JudgedSection, string> = {
  BLUF: 'This BLUF paragraph',
  'key judgment': 'This key judgment',
  assessment: 'This assessment paragraph',
};

/** E/F reliability (unreliable, cannot be judged) or 5/6 credibility (improbable, cannot be judged). */
function isWeak(grade: Grade | null): boolean {
  if (!grade) return false;
  return grade.reliability === 'E' || grade.reliability === 'F' || grade.credibility === '5' || grade.credibility === '6';
}

const sourceIdsOf = (node: PmNode): string[] => {
  const raw: unknown = node.attrs.sourceIds;
  return Array.isArray(raw) ? raw.filter((id): id is string => typeof id === 'string' && id.length > 0) : [];
};

interface Citation {
  pos: number;
  sourceIds: string[];
}

interface ProvenanceRef {
  eventId: string;
  datasetVersion: number;
  pos: number;
}

/** Citations and provenance marks inside one textblock. */
function scanTextblock(node: PmNode, pos: number, citations: Citation[], marks: ProvenanceRef[]): void {
  const seen = new Set<string>();
  node.forEach((child, offset) => {
    const childPos = pos + 1 + offset;
    if (child.type.name === 'citation') citations.push({ pos: childPos, sourceIds: sourceIdsOf(child) });
    for (const mark of child.marks) {
      if (mark.type.name !== 'provenance') continue;
      const eventId = mark.attrs.eventId as unknown;
      if (typeof eventId !== 'string' || seen.has(eventId)) continue;
      // One finding per fact and paragraph, even when bold or a link splits the marked text.
      seen.add(eventId);
      marks.push({ eventId, datasetVersion: Number(mark.attrs.datasetVersion ?? 0), pos: childPos });
    }
  });
}

function staleMessage(event: { status: 'current' | 'deleted'; datasetVersion: number; removedUpstream: boolean }, ref: ProvenanceRef): string | null {
  if (event.status === 'deleted') return 'The event behind this fact was deleted from the library; check the fact against its sources or remove it.';
  if (event.removedUpstream) return 'The event behind this fact is no longer in the latest import of its dataset; check whether the fact still holds.';
  if (event.datasetVersion > ref.datasetVersion) {
    return `The event behind this fact changed in a later import (dataset version ${event.datasetVersion}; the fact was written from version ${ref.datasetVersion}); review the wording.`;
  }
  return null;
}

/** Compares the cited sources' markings with the note's: TLP by order, free lines by equality. */
function markingIssues(citations: Citation[], ctx: SourcingContext): SourcingIssue[] {
  const note = normalizeMarking(ctx.noteMarking);
  const noteTlp = toTlpLevel(note);
  const firstPos = new Map<string, number>();
  for (const citation of citations) {
    for (const id of citation.sourceIds) {
      const marking = ctx.sources.get(id)?.marking?.trim();
      if (!marking) continue;
      const normal = normalizeMarking(marking);
      if (!firstPos.has(normal)) firstPos.set(normal, citation.pos);
    }
  }
  let strictestTlp = -1;
  const free: string[] = [];
  for (const marking of firstPos.keys()) {
    const tlp = toTlpLevel(marking);
    if (tlp) strictestTlp = Math.max(strictestTlp, TLP_LEVELS.indexOf(tlp));
    // Free lines are labels, not levels: only a different line (any letter case) is worth a look.
    else if (marking.toUpperCase() !== note.toUpperCase()) free.push(marking);
  }
  const issues: SourcingIssue[] = [];
  if (strictestTlp >= 0) {
    const strictest = TLP_LEVELS[strictestTlp] as string;
    const below = noteTlp ? TLP_LEVELS.indexOf(noteTlp) < strictestTlp : true;
    if (below) {
      issues.push({
        kind: 'marking-below-sources',
        message: noteTlp
          ? `A cited source is marked ${strictest}, more restrictive than this note's ${note}; raise the note's marking or remove that citation.`
          : `A cited source is marked ${strictest} and this note is marked ${note}; check that the note's marking covers it.`,
        pos: firstPos.get(strictest) ?? null,
      });
    }
  }
  for (const marking of free) {
    issues.push({
      kind: 'marking-below-sources',
      message: `A cited source is marked ${marking} and this note is marked ${note}; check that the note's marking covers it.`,
      pos: firstPos.get(marking) ?? null,
    });
  }
  return issues;
}

/**
 * The Sourcing panel's findings for a note, in document order: uncited paragraphs in the BLUF, key
 * judgments and assessment sections (found by their level-2 headings); judgments resting on one
 * source or only on sources graded E/F or 5/6; stale facts (provenance marks whose event was deleted,
 * dropped upstream, or changed since insertion); broken citations; cited sources marked more
 * restrictively than the note; and, as information, sections with nothing in them yet (left out of
 * the export unless the analyst keeps empty sections).
 */
export function checkSourcing(doc: PmNode, ctx: SourcingContext): SourcingIssue[] {
  const issues: SourcingIssue[] = [];
  const citations: Citation[] = [];
  const marks: ProvenanceRef[] = [];
  let section: JudgedSection | null = null;

  doc.forEach((block, offset) => {
    if (block.type.name === 'heading' && ((block.attrs.level as number) ?? 0) <= 2) {
      section = (block.attrs.level as number) === 2 ? judgedSectionOf(block.textContent) : null;
      return;
    }
    if (block.type.name === 'sourcesSection') return;
    const judged: JudgedSection | null = section;
    const visit = (node: PmNode, pos: number): void => {
      if (!node.isTextblock) return;
      const own: Citation[] = [];
      scanTextblock(node, pos, own, marks);
      citations.push(...own);
      if (!judged || node.type.name !== 'paragraph' || node.textContent.trim() === '') return;
      const name = PARAGRAPH_NAME[judged];
      if (own.length === 0) {
        issues.push({ kind: 'uncited-paragraph', message: `${name} has no citation; cite the sources it rests on.`, pos });
        return;
      }
      const cited = [...new Set(own.flatMap((citation) => citation.sourceIds))].filter((id) => ctx.sources.get(id));
      if (cited.length === 1) {
        issues.push({ kind: 'single-source', message: `${name} rests on a single source; corroborate it with a second, independent source.`, pos });
      }
      if (cited.length > 0 && cited.every((id) => isWeak(ctx.sources.get(id)?.grade ?? null))) {
        issues.push({
          kind: 'weak-sources',
          message: `${name} rests only on sources graded E/F or 5/6 (unreliable or improbable); find a better-graded source or soften the judgment.`,
          pos,
        });
      }
    };
    if (block.isTextblock) visit(block, offset);
    else block.descendants((node, pos) => {
      if (node.isTextblock) {
        visit(node, offset + 1 + pos);
        return false;
      }
      return !node.isLeaf;
    });
  });

  for (const ref of marks) {
    const event = ctx.events.get(ref.eventId);
    const message = event ? staleMessage(event, ref) : null;
    if (message) issues.push({ kind: 'stale-fact', message, pos: ref.pos });
  }
  for (const citation of citations) {
    if (citation.sourceIds.length === 0) {
      issues.push({ kind: 'broken-citation', message: 'This citation names no source; edit it to choose a source or delete it.', pos: citation.pos });
      continue;
    }
    const missing = citation.sourceIds.filter((id) => !ctx.sources.get(id));
    if (missing.length === 0) continue;
    const which = missing.length === 1 ? `a source that is no longer in the library (${missing[0]})` : `sources that are no longer in the library (${missing.join(', ')})`;
    issues.push({ kind: 'broken-citation', message: `This citation points to ${which}; cite another source or remove it.`, pos: citation.pos });
  }
  issues.push(...markingIssues(citations, ctx));
  issues.push(...emptySectionIssues(doc));
  return issues.sort((a, b) => (a.pos ?? Number.MAX_SAFE_INTEGER) - (b.pos ?? Number.MAX_SAFE_INTEGER));
}

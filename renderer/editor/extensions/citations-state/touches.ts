import type { Node as PmNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { AddMarkStep, AttrStep, RemoveMarkStep } from '@tiptap/pm/transform';

function rangeHas(doc: PmNode, from: number, to: number, isWatched: (node: PmNode) => boolean): boolean {
  let found = false;
  doc.nodesBetween(Math.max(0, from), Math.min(doc.content.size, to), (node) => {
    if (found) return false;
    if (isWatched(node)) found = true;
    return !found;
  });
  return found;
}

/**
 * Whether a transaction removed, inserted or changed a node `isWatched` accepts (a citation, text
 * with a provenance mark…). Only the ranges the steps replaced are looked at, in the document before
 * and after each step, so typing costs a walk over a few characters rather than the whole note.
 * Steps that only wrap, lift or re-mark content (ReplaceAroundStep gaps, mark steps) keep the order
 * of what they contain and report no touch for it, except steps that add or remove `watchedMark`.
 */
export function transactionTouches(tr: Transaction, isWatched: (node: PmNode) => boolean, watchedMark?: string): boolean {
  for (let index = 0; index < tr.steps.length; index += 1) {
    const step = tr.steps[index]!;
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
      if (watchedMark !== undefined && step.mark.type.name === watchedMark) return true;
      continue;
    }
    const before = tr.docs[index]!;
    const after = index + 1 < tr.docs.length ? tr.docs[index + 1]! : tr.doc;
    if (step instanceof AttrStep) {
      const node = before.nodeAt(step.pos);
      if (node && isWatched(node)) return true;
      continue;
    }
    let touched = false;
    step.getMap().forEach((oldStart, oldEnd, newStart, newEnd) => {
      if (touched) return;
      if (oldEnd > oldStart && rangeHas(before, oldStart, oldEnd, isWatched)) touched = true;
      else if (newEnd > newStart && rangeHas(after, newStart, newEnd, isWatched)) touched = true;
    });
    if (touched) return true;
  }
  return false;
}

import { slugify } from '../../../core/domain/slug';

const MAX_BASE = 56;
const MAX_TRIES = 1000;

/** A template id from a name: "Sahel — weekly (v2)" → "sahel-weekly-v2". */
export function slugifyTemplateName(name: string): string {
  return slugify(name, { maxLength: MAX_BASE, fallback: 'template' });
}

/** Ids to try for a new template, in order: the slug, then slug-2, slug-3… */
export function* templateIdCandidates(name: string): Generator<string> {
  const base = slugifyTemplateName(name);
  yield base;
  for (let n = 2; n <= MAX_TRIES; n += 1) yield `${base}-${n}`;
}

const MAX_BASE = 56;
const MAX_TRIES = 1000;

/** A template id from a name: "Sahel — weekly (v2)" → "sahel-weekly-v2". */
export function slugifyTemplateName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/, '');
  return slug.length >= 2 ? slug : 'template';
}

/** Ids to try for a new template, in order: the slug, then slug-2, slug-3… */
export function* templateIdCandidates(name: string): Generator<string> {
  const base = slugifyTemplateName(name);
  yield base;
  for (let n = 2; n <= MAX_TRIES; n += 1) yield `${base}-${n}`;
}

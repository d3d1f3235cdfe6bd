/**
 * The one slug rule for ids made from names (templates, added citation styles): accents dropped,
 * lower case, every run of other characters one hyphen, no hyphen at either end, at most
 * `maxLength` characters (never ending in a hyphen). Shorter than two characters gives `fallback`.
 * "Sahel — weekly (v2)" → "sahel-weekly-v2".
 */
export function slugify(text: string, options: { maxLength: number; fallback: string }): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, options.maxLength)
    .replace(/-+$/, '');
  return slug.length >= 2 ? slug : options.fallback;
}

import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, type CallOutput } from '../../../core/index';
import { BUILTIN_STYLES, type CslCheck, FALLBACK_STYLE_ID, validateCslStyle } from '../../../core/citations/styles';
import { writeFileAtomic } from '../store/atomic-write';
import type { JsonStore } from '../store/json-store';
import { checkId } from '../store/safe-id';
import { slugify } from '../../../core/domain/slug';
import type { SettingsService } from '../workspace/settings-service';

/** A citation style as the contract lists it. */
export type CitationStyleSummary = CallOutput<'citations:add-style'>;

/** WORKSPACE/styles/<id>.csl: the analyst's added CSL files, kept as they were given. */
export const STYLES_DIR = 'styles';

const STYLE_FILE = /^([a-z0-9][a-z0-9-]*)\.csl$/;
const MAX_BASE = 56;
const MAX_TRIES = 1000;
/** Checks remembered (a check formats a sample with the engine, ~1 s for APA); styles are few. */
const MAX_CHECKS = 200;

/** Workspace-relative path of an added style; AppError('invalid_input') for anything but a style id. */
export function stylePath(id: string): string {
  return join(STYLES_DIR, `${checkId('style', id)}.csl`);
}

/** A style id from a file name: "My Agency (v2).csl" → "my-agency-v2". */
export function styleIdBase(fileName: string): string {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.(csl|xml)$/i, '');
  return slugify(stem, { maxLength: MAX_BASE, fallback: 'style' });
}

/**
 * Citation styles: the built-ins of core/citations (their XML ships with the renderer) and the
 * analyst's own .csl files in WORKSPACE/styles/, read on every call so one added by another
 * process shows up. Added files are validated before anything is written and stored atomically
 * under their lock; built-ins cannot be deleted or shadowed.
 */
export class CitationStyleService {
  private readonly builtInIds: ReadonlySet<string> = new Set(BUILTIN_STYLES.map((style) => style.id));
  /** validateCslStyle results by the XML's SHA-256, so listing does not run the engine over every file each time. */
  private readonly checks = new Map<string, CslCheck>();

  constructor(
    private readonly store: JsonStore,
    private readonly settings: SettingsService,
  ) {}

  /** `citations:styles`: built-ins first, then own styles by name; and the workspace default. */
  async list(): Promise<CallOutput<'citations:styles'>> {
    const [own, settings] = await Promise.all([this.loadOwn(), this.settings.get()]);
    const styles: CitationStyleSummary[] = [
      ...BUILTIN_STYLES.map((style) => ({ id: style.id, name: style.name, kind: style.kind, builtIn: true })),
      ...own.map((style) => style.summary),
    ];
    // A default naming a style deleted since (or added by a newer app) would leave notes without a style.
    const defaultStyle = styles.some((style) => style.id === settings.citationStyle) ? settings.citationStyle : FALLBACK_STYLE_ID;
    return { styles, defaultStyle };
  }

  /** `citations:style-xml`: the CSL XML of an added style. */
  async xml(id: string): Promise<CallOutput<'citations:style-xml'>> {
    checkId('style', id);
    if (this.builtInIds.has(id)) throw new AppError('not_found', `The style "${id}" is built in; its CSL ships with the app, not with the workspace.`);
    const xml = await this.readOwn(id);
    if (xml === null) throw styleNotFound(id);
    return { id, xml };
  }

  /** `citations:add-style`: validates the CSL, then stores it under a new id taken from the file name. */
  async add(fileName: string, xml: string): Promise<CitationStyleSummary> {
    const checked = this.check(xml);
    if (!checked.ok) throw new AppError('invalid_input', `The style “${displayName(fileName)}” cannot be used: ${checked.reason}`, [{ path: 'xml', message: checked.reason }]);
    const taken = new Set([...this.builtInIds, ...(await this.ownIds())]);
    const base = styleIdBase(fileName);
    await mkdir(this.store.abs(STYLES_DIR), { recursive: true });
    for (let n = 1; n <= MAX_TRIES; n += 1) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (taken.has(id)) continue;
      // Another process may add the same name meanwhile: check again under the file's lock.
      const created = await this.store.withLock(stylePath(id), async () => {
        if ((await this.readOwn(id)) !== null) return false;
        await writeFileAtomic(this.store.abs(stylePath(id)), xml);
        return true;
      });
      if (created) return { id, name: checked.name, kind: checked.kind, builtIn: false };
    }
    throw new AppError('conflict', `Could not find a free style id for “${displayName(fileName)}”; rename the file.`);
  }

  /** `citations:delete-style`: own styles only. */
  async delete(id: string): Promise<{ id: string }> {
    // Checked before the lock: the lock file sits next to the style file, so a bad id would put it anywhere.
    checkId('style', id);
    if (this.builtInIds.has(id)) throw new AppError('forbidden', `The style "${id}" is built in and cannot be deleted.`);
    const removed = await this.store.withLock(stylePath(id), async () => {
      if ((await this.readOwn(id)) === null) return false;
      await this.store.removeLocked(stylePath(id));
      return true;
    });
    if (!removed) throw styleNotFound(id);
    return { id };
  }

  /** Own styles that validate, by name. A file that no longer validates is left alone and not offered. */
  private async loadOwn(): Promise<{ summary: CitationStyleSummary }[]> {
    const loaded = await Promise.all(
      (await this.ownIds()).map(async (id) => {
        const xml = await this.readOwn(id);
        const checked = xml === null ? null : this.check(xml);
        return checked?.ok ? { summary: { id, name: checked.name, kind: checked.kind, builtIn: false } } : null;
      }),
    );
    return loaded.filter((style): style is { summary: CitationStyleSummary } => style !== null).sort((a, b) => a.summary.name.localeCompare(b.summary.name));
  }

  /** validateCslStyle, remembered by content. */
  private check(xml: string): CslCheck {
    const key = createHash('sha256').update(xml).digest('hex');
    const known = this.checks.get(key);
    if (known) return known;
    const checked = validateCslStyle(xml);
    if (this.checks.size >= MAX_CHECKS) this.checks.clear();
    this.checks.set(key, checked);
    return checked;
  }

  /** Ids of the .csl files in styles/ (temp and lock files do not match), built-in ids excluded. */
  private async ownIds(): Promise<string[]> {
    const names = await readdir(this.store.abs(STYLES_DIR)).catch(() => [] as string[]);
    return names.map((name) => STYLE_FILE.exec(name)?.[1]).filter((id): id is string => id !== undefined && !this.builtInIds.has(id));
  }

  /** An own style's XML; null when there is no such file. Ids come from the contract or our own names. */
  private async readOwn(id: string): Promise<string | null> {
    // A note or the settings may name a style of any shape (stored data): such a style is simply absent.
    if (!STYLE_FILE.test(`${id}.csl`)) return null;
    try {
      return await readFile(this.store.abs(stylePath(id)), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

function styleNotFound(id: string): AppError {
  return new AppError('not_found', `There is no added style with id "${id}"; it may have been deleted.`);
}

/** The file name without folders, as the analyst picked it. */
function displayName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '');
}

import {
  AppError,
  type Note,
  type TemplateFile,
  TemplateFileSchema,
  type TemplateProblem,
  type TemplateSummary,
} from '../../../core/index';
import type { FileKind } from '../store/file-kinds';
import type { JsonStore } from '../store/json-store';
import { checkId } from '../store/safe-id';
import { LAYOUT, ownTemplatePath } from '../workspace/workspace-layout';
import { type LoadedTemplate, type TemplateDirContents, loadTemplateDir } from './template-loader';
import { templateIdCandidates } from './template-id';

/** Own templates are written through the store (atomic, locked, with .bak); listing uses the loader, which reports instead of repairing. */
const OWN_TEMPLATE_FILE: FileKind<TemplateFile> = {
  label: 'template',
  schema: TemplateFileSchema,
  migrations: { current: 1, steps: {} },
  backup: true,
};

const MAX_NAME = 100;

/**
 * Built-in templates (read once from the app's templates/ folder) and the analyst's own (read from
 * WORKSPACE/templates/ on every call, so one saved by the CLI shows up).
 */
export class TemplateService {
  private builtIns: TemplateDirContents | null = null;

  constructor(
    private readonly store: JsonStore,
    private readonly builtinDir: string,
  ) {}

  /** `templates:list`: summaries (built-ins first) and the files that did not load. */
  async list(): Promise<{ templates: TemplateSummary[]; problems: TemplateProblem[] }> {
    const { templates, problems } = await this.loadAll();
    return { templates: templates.map(summaryOf), problems };
  }

  /** A template by id, built-in or own. */
  async get(id: string): Promise<LoadedTemplate> {
    checkId('template', id);
    const found = (await this.loadAll()).templates.find((loaded) => loaded.template.id === id);
    if (!found) throw new AppError('not_found', `There is no template with id "${id}". It may have been deleted or renamed; pick one from the template list.`);
    return found;
  }

  /** `templates:save-from-note`: the note's body (guidance included), marking and tags become a new own template. */
  async saveFromNote(note: Note, input: { name: string; description?: string }): Promise<TemplateSummary> {
    return this.createOwn({
      schemaVersion: 1,
      id: '',
      name: input.name,
      description: input.description ?? '',
      title: `${input.name} — {{date}}`,
      marking: note.meta.marking,
      tags: note.meta.tags,
      content: note.content,
    });
  }

  /** `templates:duplicate`: a built-in or own template copied to a new own template. */
  async duplicate(id: string, name?: string): Promise<TemplateSummary> {
    const source = (await this.get(id)).template;
    return this.createOwn({ ...source, name: name ?? `Copy of ${source.name}`.slice(0, MAX_NAME) });
  }

  /** `templates:rename`: own templates only; the id (the file name) stays. */
  async rename(id: string, name: string): Promise<TemplateSummary> {
    await this.requireOwn(id, 'Built-in templates cannot be renamed; duplicate it first.');
    const renamed = await this.store.update<TemplateFile>(ownTemplatePath(id), OWN_TEMPLATE_FILE, (current) => {
      if (!current) throw notFound(id);
      return { ...current, name };
    });
    if (!renamed) throw notFound(id);
    return summaryOf({ template: renamed, file: `${id}.json`, builtIn: false });
  }

  /** `templates:delete`: own templates only. */
  async delete(id: string): Promise<{ id: string }> {
    await this.requireOwn(id, 'Built-in templates cannot be deleted; they ship with the app.');
    await this.store.withLock(ownTemplatePath(id), () => this.store.removeLocked(ownTemplatePath(id)));
    return { id };
  }

  private async requireOwn(id: string, builtInMessage: string): Promise<void> {
    const found = await this.get(id);
    if (found.builtIn) throw new AppError('forbidden', builtInMessage);
  }

  /** Writes a new own template under a fresh id derived from its name (another process may take one meanwhile: then the next). */
  private async createOwn(template: TemplateFile): Promise<TemplateSummary> {
    const taken = new Set((await this.loadAll()).templates.map((loaded) => loaded.template.id));
    for (const id of templateIdCandidates(template.name)) {
      if (taken.has(id)) continue;
      const file: TemplateFile = { ...template, id };
      try {
        await this.store.create(ownTemplatePath(id), OWN_TEMPLATE_FILE, file);
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') continue;
        throw error;
      }
      return summaryOf({ template: file, file: `${id}.json`, builtIn: false });
    }
    throw new AppError('conflict', `Could not find a free template id for "${template.name}"; choose another name.`);
  }

  private async loadAll(): Promise<TemplateDirContents> {
    this.builtIns ??= await loadTemplateDir(this.builtinDir, { builtIn: true });
    const own = await loadTemplateDir(this.store.abs(LAYOUT.templatesDir), { builtIn: false });
    const builtInIds = new Set(this.builtIns.templates.map((loaded) => loaded.template.id));
    const shadowing = own.templates.filter((loaded) => builtInIds.has(loaded.template.id));
    return {
      templates: [...sortByName(this.builtIns.templates), ...sortByName(own.templates.filter((loaded) => !builtInIds.has(loaded.template.id)))],
      problems: [
        ...this.builtIns.problems,
        ...own.problems.map((problem) => ({ ...problem, file: `${LAYOUT.templatesDir}/${problem.file}` })),
        ...shadowing.map((loaded) => ({
          file: `${LAYOUT.templatesDir}/${loaded.file}`,
          reason: `its id "${loaded.template.id}" is the id of a built-in template; rename the file and its id`,
        })),
      ],
    };
  }
}

function summaryOf(loaded: LoadedTemplate): TemplateSummary {
  const { id, name, description } = loaded.template;
  return { id, name, description, builtIn: loaded.builtIn };
}

function sortByName(templates: LoadedTemplate[]): LoadedTemplate[] {
  return [...templates].sort((a, b) => a.template.name.localeCompare(b.template.name));
}

function notFound(id: string): AppError {
  return new AppError('not_found', `There is no template with id "${id}"; it may have been deleted.`);
}

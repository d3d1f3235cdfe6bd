import { z } from 'zod';
import { DocSchema, MarkingSchema } from './note';

/** Fields a template may use as `{{field}}` in its title and text. */
export const TEMPLATE_FIELDS = ['title', 'date', 'author', 'marking'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** Template ids double as file names. */
export const TemplateIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'A template id is lowercase letters, digits and dashes');

/**
 * A template file (templates/*.json or WORKSPACE/templates/*.json). Documented in templates/README.md.
 */
export const TemplateFileSchema = z.object({
  schemaVersion: z.literal(1),
  id: TemplateIdSchema,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(500).default(''),
  /** Title of a new note; may use {{date}} and {{author}}. */
  title: z.string().max(300),
  /** Marking for new notes; the workspace default applies when absent. */
  marking: MarkingSchema.optional(),
  tags: z.array(z.string()).default([]),
  /** The body as TipTap JSON. Guidance is an empty paragraph with a `guidance` attribute. */
  content: DocSchema,
});
export type TemplateFile = z.infer<typeof TemplateFileSchema>;

/** A template as listed to the UI. */
export const TemplateSummarySchema = z.object({
  id: TemplateIdSchema,
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
});
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;

/** A template file that could not be loaded. */
export const TemplateProblemSchema = z.object({ file: z.string(), reason: z.string() });
export type TemplateProblem = z.infer<typeof TemplateProblemSchema>;

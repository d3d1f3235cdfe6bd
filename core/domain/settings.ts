import { z } from 'zod';
import { MarkingSchema } from './note';

/** Workspace-wide preferences. */
export const SettingsSchema = z.object({
  /** Filled into new notes' author field. */
  author: z.string().max(200),
  /** Marking given to new notes when the template names none. */
  defaultMarking: MarkingSchema,
  /** BCP 47 locale for dates in new notes; empty means the system locale. */
  locale: z.string().max(35),
  /** Default citation style id for notes (numeric, chicago, apa, harvard, analyst, or an added one). */
  citationStyle: z.string().max(80).default('numeric'),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Defaults for a new workspace. */
export const DEFAULT_SETTINGS: Settings = { author: '', defaultMarking: 'TLP:AMBER', locale: '', citationStyle: 'numeric' };

export const SettingsPatchSchema = SettingsSchema.partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

import { z } from 'zod';
import { MarkingSchema } from './note';

/** Citation style ids: the built-ins' and those made from an added file's name (`WORKSPACE/styles/<id>.csl`), safe as file names. */
export const StyleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'Not a citation style id');

/**
 * How the UI shows dates: "7 Dec 2026" (day, short month, year: the default, unambiguous in every
 * country), ISO "2026-12-07", or the locale's own numeric form. Text written into notes and
 * exports does not follow this setting.
 */
export const DateFormatSchema = z.enum(['day-month-year', 'iso', 'locale']);
export type DateFormat = z.infer<typeof DateFormatSchema>;

/**
 * The settings fields, each defined once and without a default: a default in a patch would write
 * a value the caller never sent (zod's `.partial()` keeps inner defaults).
 */
const settingsFields = {
  /** Filled into new notes' author field. */
  author: z.string().max(200),
  /** Marking given to new notes when the template names none. */
  defaultMarking: MarkingSchema,
  /** BCP 47 locale for dates in new notes; empty means the system locale. */
  locale: z.string().max(35),
  /** Default citation style id for notes (numeric, chicago, apa, harvard, analyst, or an added one). */
  citationStyle: z.string().max(80),
  /** How dates are shown in the UI. */
  dateFormat: DateFormatSchema,
};

/** Workspace-wide preferences, as stored; fields added later have defaults so older files load. */
export const SettingsSchema = z.object({
  ...settingsFields,
  citationStyle: settingsFields.citationStyle.default('numeric'),
  dateFormat: settingsFields.dateFormat.default('day-month-year'),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Defaults for a new workspace. */
export const DEFAULT_SETTINGS: Settings = {
  author: '',
  defaultMarking: 'TLP:AMBER',
  locale: '',
  citationStyle: 'numeric',
  dateFormat: 'day-month-year',
};

/** A settings update: exactly the fields sent, nothing filled in. */
export const SettingsPatchSchema = z.object(settingsFields).partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

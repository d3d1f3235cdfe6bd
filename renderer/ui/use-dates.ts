import { useStore } from '../app/store';
import { useApp } from '../app/app-context';
import { dateFormatterOf, type DateFormatter } from './format';

/** The date formatter of the workspace's display setting; components re-render when it changes. */
export function useDates(): DateFormatter {
  const { settings } = useApp();
  const dateFormat = useStore(settings, (state) => state.settings.dateFormat);
  const locale = useStore(settings, (state) => state.settings.locale);
  return dateFormatterOf({ dateFormat, locale });
}

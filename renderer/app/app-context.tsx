import { createContext, useContext } from 'react';
import type { AppStores } from './app-stores';

const AppContext = createContext<AppStores | null>(null);

/** Provides the stores to the component tree. */
export const AppProvider = AppContext.Provider;

/** The app's stores; components read them with `useStore`. */
export function useApp(): AppStores {
  const stores = useContext(AppContext);
  if (!stores) throw new Error('useApp() outside <AppProvider>');
  return stores;
}

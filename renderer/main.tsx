import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppClient } from './api/client';
import { App } from './app/app';
import { preloadCitationEngineWhenIdle } from './citations/citation-engine';
import { createAppStores } from './app/app-stores';
import './app/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const stores = createAppStores(createAppClient());
createRoot(container).render(
  <StrictMode>
    <App stores={stores} />
  </StrictMode>,
);
// The CSL engine is a chunk of its own: fetch it once the first screen is up, not before.
preloadCitationEngineWhenIdle();

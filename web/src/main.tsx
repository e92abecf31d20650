import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiClient, type ExclusiveLock } from './api/client.ts';
import { createVitalisApi } from './api/vitalis-api.ts';
import { SessionProvider } from './features/session/session-context.tsx';
import { AppRoutes } from './routes/app-routes.tsx';
import './styles.css';

/** Web Locks keep two tabs from refreshing with the same token at once (the client dedupes within a tab). */
const lock: ExclusiveLock = (name, fn) =>
  typeof navigator.locks?.request === 'function' ? (navigator.locks.request(name, () => fn()) as ReturnType<typeof fn>) : fn();

const api = createVitalisApi(new ApiClient({ storage: window.localStorage, lock }));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider api={api}>
        <AppRoutes />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);

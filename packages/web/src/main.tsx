import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { DialogProvider } from './components/Dialogs';
import { setupI18n } from './i18n';
import './styles.css';

// Not awaited: the app starts (and connects) while the dictionary loads; text waits for it (Suspense).
void setupI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>
      <DialogProvider>
        <App />
      </DialogProvider>
    </Suspense>
  </StrictMode>,
);

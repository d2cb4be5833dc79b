import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/overview.css';
import './styles/runs.css';

/** The serve-mode link carries a one-time token; the server has already set the session cookie, so drop it from the address bar. */
function dropTokenFromAddress(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

dropTokenFromAddress();
// Desktop: flowdeck:// links (notifications, other apps) arrive as validated hash routes.
window.flowdeck?.onNavigate((route) => { window.location.hash = route; });
const root = document.getElementById('root');
if (!root) throw new Error('Flowdeck: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

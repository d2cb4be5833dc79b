import type { ReactNode } from 'react';
import { openExternalViaBridge, safeExternalUrl } from '../lib/external-url.ts';

/**
 * A link that leaves Flowdeck: in Electron it goes to the OS browser through the bridge; in a browser it
 * opens a new tab without handing over this page (noopener noreferrer). Non-web URLs render nothing.
 */
export function ExternalLink({ href, className, children }: { href: string | null; className?: string; children: ReactNode }) {
  const url = safeExternalUrl(href);
  if (!url) return null;
  return (
    <a
      href={url}
      className={className}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(event) => {
        if (openExternalViaBridge(url)) event.preventDefault();
      }}
    >
      {children}
    </a>
  );
}

/** How a copy went: on the clipboard, or (no clipboard access) the text is selected for the user to copy. */
export type CopyResult = 'copied' | 'selected' | 'failed';

export interface ClipboardEnv {
  writeText: ((text: string) => Promise<void>) | null;
  /** Selects the element's text; true when something was selected. */
  select: (el: HTMLElement) => boolean;
}

function selectContents(el: HTMLElement): boolean {
  const selection = window.getSelection();
  if (!selection) return false;
  const range = document.createRange();
  range.selectNodeContents(el);
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString().length > 0;
}

export function browserClipboard(): ClipboardEnv {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  return { writeText: clipboard ? (t) => clipboard.writeText(t) : null, select: selectContents };
}

/**
 * Copies with the async clipboard API; where that is missing or refused (no permission, an insecure origin in
 * serve mode), selects the text in `fallback` so Ctrl+C / ⌘C does it.
 */
export async function copyText(text: string, fallback: HTMLElement | null, env: ClipboardEnv = browserClipboard()): Promise<CopyResult> {
  if (env.writeText) {
    try {
      await env.writeText(text);
      return 'copied';
    } catch {
      // fall through to selecting the text
    }
  }
  return fallback && env.select(fallback) ? 'selected' : 'failed';
}

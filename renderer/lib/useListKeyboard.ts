import { useEffect } from 'react';

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

export interface ListKeys {
  move: (delta: number) => void;
  open?: () => void;
  close?: () => boolean;
  search?: () => void;
}

/** j/k move through a list, Enter opens, Esc closes a panel, `/` jumps to search. */
export function useListKeyboard(keys: ListKeys): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTypingTarget(event.target)) {
        if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      if (event.key === 'j') keys.move(1);
      else if (event.key === 'k') keys.move(-1);
      else if (event.key === 'Enter' && keys.open && !(event.target instanceof HTMLElement && event.target.closest('button, a[href]'))) keys.open();
      else if (event.key === 'Escape' && keys.close) {
        if (!keys.close()) return;
      } else if (event.key === '/' && keys.search) keys.search();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [keys]);
}

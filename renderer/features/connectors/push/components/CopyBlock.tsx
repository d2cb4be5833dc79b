import { useRef, useState } from 'react';
import { copyText, type CopyResult } from '../clipboard.ts';

const FEEDBACK: Record<CopyResult, string> = {
  copied: 'Copied',
  selected: 'Selected — press Ctrl+C (⌘C) to copy',
  failed: 'Select the text to copy it',
};

/** A snippet with a Copy button; without clipboard access the text is selected instead. */
export function CopyBlock({ label, text, testId }: { label: string; text: string; testId?: string }) {
  const pre = useRef<HTMLPreElement>(null);
  const [result, setResult] = useState<CopyResult | null>(null);
  const onCopy = async () => setResult(await copyText(text, pre.current));
  return (
    <div className="copy-block" data-testid={testId}>
      <div className="copy-block-head">
        <span className="copy-block-label">{label}</span>
        <span className="copy-block-feedback muted" role="status">{result ? FEEDBACK[result] : ''}</span>
        <button type="button" className="button button-small" onClick={() => void onCopy()} aria-label={`Copy ${label}`}>Copy</button>
      </div>
      <pre ref={pre} className="copy-block-text" tabIndex={0}>{text}</pre>
    </div>
  );
}

import { useId } from 'react';
import type { OptionField } from '../../../../core/contract/connector-forms.ts';

/** The kind-specific options of the "Add connector" form. */
export function OptionFields({ fields, values, onChange }: {
  fields: readonly OptionField[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}) {
  const id = useId();
  return (
    <>
      {fields.map((f) => (
        <label className="field" key={f.key}>
          <span className="field-label">{f.label}{!f.required && !/optional/i.test(f.label) ? ' (optional)' : ''}</span>
          {f.choices ? (
            <select value={values[f.key] ?? ''} onChange={(e) => onChange({ ...values, [f.key]: e.target.value })} data-testid={`connector-option-${f.key}`}
              aria-describedby={`${id}-${f.key}`}>
              <option value="">Choose…</option>
              {f.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            </select>
          ) : (
            <input value={values[f.key] ?? ''} placeholder={f.placeholder} inputMode={f.type === 'number' ? 'numeric' : undefined}
              onChange={(e) => onChange({ ...values, [f.key]: e.target.value })} data-testid={`connector-option-${f.key}`}
              required={f.required} aria-describedby={`${id}-${f.key}`} />
          )}
          <span className="field-help" id={`${id}-${f.key}`}>{f.help}</span>
        </label>
      ))}
    </>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { CONNECTOR_FORMS } from '../../../../core/contract/connector-forms.ts';
import type { TestOutcomeWire } from '../../../../core/contract/connectors.ts';
import { errorMessage } from '../../../lib/live.ts';
import { useCan } from '../../../lib/access.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { emptyForm, formProblem, KIND_CHOICES, withKind, type DraftForm } from '../form.ts';
import { useConnectorsStore } from '../store.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { OptionFields } from './OptionFields.tsx';

type Phase = { kind: 'idle' } | { kind: 'testing' } | { kind: 'saving' } | { kind: 'tested'; outcome: TestOutcomeWire } | { kind: 'error'; message: string };

function Verdict({ phase }: { phase: Phase }) {
  if (phase.kind === 'testing') return <p className="verdict muted" role="status" data-testid="connector-test-result">Testing the connection…</p>;
  if (phase.kind === 'error') return <p className="verdict verdict-bad" role="alert" data-testid="connector-form-error">{phase.message}</p>;
  if (phase.kind !== 'tested') return null;
  const { outcome } = phase;
  return (
    <div className={outcome.ok ? 'verdict verdict-ok' : 'verdict verdict-bad'} role="status" data-testid="connector-test-result" data-ok={outcome.ok}>
      <strong>{outcome.ok ? `Connected — ${outcome.workflows} workflow${outcome.workflows === 1 ? '' : 's'}` : 'Not connected'}</strong>
      <div>{outcome.message}</div>
    </div>
  );
}

/** "Add connector": kind, name, address, credential (to the keychain) and kind options; test, then save. */
export function AddConnectorDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const test = useConnectorsStore((s) => s.test);
  const add = useConnectorsStore((s) => s.add);
  const [form, setForm] = useState<DraftForm>(() => emptyForm());
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const canTest = useCan('connectors/test-connector');
  const canAdd = useCan(form.kind === 'push' ? 'connectors/add-push-connector' : 'connectors/add-connector');
  const id = useId();
  const spec = form.kind === 'push' ? null : CONNECTOR_FORMS[form.kind];
  const busy = phase.kind === 'testing' || phase.kind === 'saving';

  const update = (next: DraftForm) => {
    setForm(next);
    if (phase.kind !== 'testing' && phase.kind !== 'saving') setPhase({ kind: 'idle' });
  };
  const close = () => {
    setForm(emptyForm());
    setPhase({ kind: 'idle' });
    onClose();
  };
  const runTest = async () => {
    const problem = formProblem(form, false);
    if (problem) return setPhase({ kind: 'error', message: problem });
    setPhase({ kind: 'testing' });
    try {
      setPhase({ kind: 'tested', outcome: await test(form) });
    } catch (error) {
      setPhase({ kind: 'error', message: errorMessage(error) });
    }
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = formProblem(form, true);
    if (problem) return setPhase({ kind: 'error', message: problem });
    setPhase({ kind: 'saving' });
    try {
      const result = await add(form);
      if (result.ok) close();
      else setPhase({ kind: 'error', message: result.message });
    } catch (error) {
      setPhase({ kind: 'error', message: errorMessage(error) });
    }
  };

  return (
    <Modal open={open} title="Add a connector" onClose={close} testId="add-connector-dialog" wide>
      <form className="connector-form" onSubmit={(e) => void save(e)} noValidate>
        <label className="field">
          <span className="field-label">Tool</span>
          <select value={form.kind} onChange={(e) => update(withKind(form, e.target.value as DraftForm['kind']))} data-testid="connector-kind">
            {KIND_CHOICES.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Name</span>
          <input value={form.name} onChange={(e) => update({ ...form, name: e.target.value })} placeholder={form.kind === 'push' ? 'e.g. Nightly backups' : `e.g. ${CONNECTOR_FORMS[form.kind].label} production`} data-testid="connector-name" required />
        </label>
        {spec ? (
          <>
            <label className="field">
              <span className="field-label">{spec.baseUrlLabel}</span>
              <input type="url" value={form.baseUrl} list={spec.baseUrlChoices ? `${id}-zones` : undefined}
                onChange={(e) => update({ ...form, baseUrl: e.target.value })} data-testid="connector-url" required aria-describedby={`${id}-url-help`} />
              {spec.baseUrlChoices ? <datalist id={`${id}-zones`}>{spec.baseUrlChoices.map((z) => <option key={z} value={z} />)}</datalist> : null}
              <span className="field-help" id={`${id}-url-help`}>{spec.baseUrlHelp}</span>
            </label>
            <label className="field">
              <span className="field-label">{spec.credentialLabel}</span>
              <input type="password" value={form.credential} autoComplete="off" spellCheck={false}
                onChange={(e) => update({ ...form, credential: e.target.value })} data-testid="connector-credential" required aria-describedby={`${id}-cred-help`} />
              <span className="field-help" id={`${id}-cred-help`}>{spec.credentialHelp}</span>
            </label>
            <OptionFields fields={spec.options} values={form.options} onChange={(options) => update({ ...form, options })} />
          </>
        ) : (
          <p className="muted">A push connector receives heartbeat pings and signed “run finished” webhooks on this machine. After saving, create a monitor to get its ping URL.</p>
        )}
        <Verdict phase={phase} />
        <LockedNote cans={[canAdd]} testId="connector-add-locked" />
        <div className="modal-actions">
          <button type="button" className="button" onClick={close} disabled={busy}>Cancel</button>
          {spec ? (
            <button type="button" className="button" onClick={() => void runTest()} disabled={busy} data-testid="connector-test" {...canTest.lock}>
              {phase.kind === 'testing' ? 'Testing…' : 'Test connection'}
            </button>
          ) : null}
          <button type="submit" className="button button-primary" disabled={busy} data-testid="connector-save" {...canAdd.lock}>
            {phase.kind === 'saving' ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

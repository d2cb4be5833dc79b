import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AllowList, GLOBAL_FILE, gate, globToRegExp, readFindings, type AllowEntry } from './electronegativity-gate.ts';

const result = (ruleId: string, uri: string, line = 1) => ({
  ruleId,
  level: 'warning',
  message: { text: `${ruleId} message` },
  locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }],
});
const sarif = (...results: ReturnType<typeof result>[]) => ({ version: '2.1.0', runs: [{ results }] });
const why = 'a written justification that is long enough';

describe('electronegativity gate', () => {
  it('reads findings from SARIF; application-wide ones become <global>', () => {
    const findings = readFindings(sarif(result('CSP_GLOBAL_CHECK', 'file:///'), result('SANDBOX_JS_CHECK', 'electron/main.js', 7)));
    expect(findings).toEqual([
      { rule: 'CSP_GLOBAL_CHECK', file: GLOBAL_FILE, line: 1, level: 'warning', message: 'CSP_GLOBAL_CHECK message' },
      { rule: 'SANDBOX_JS_CHECK', file: 'electron/main.js', line: 7, level: 'warning', message: 'SANDBOX_JS_CHECK message' },
    ]);
  });

  it('rejects a file that is not SARIF', () => {
    expect(() => readFindings({ runs: [] })).toThrow();
    expect(() => readFindings({ version: '2.1.0', runs: [] })).toThrow();
  });

  it('fails every finding the allow-list does not cover, by rule AND file', () => {
    const allow: AllowEntry[] = [{ rule: 'OPEN_EXTERNAL_JS_CHECK', file: 'renderer/assets/*.js', justification: why }];
    const findings = readFindings(sarif(
      result('OPEN_EXTERNAL_JS_CHECK', 'renderer/assets/index-abc.js'),
      result('OPEN_EXTERNAL_JS_CHECK', 'electron/main.js'),
      result('SANDBOX_JS_CHECK', 'renderer/assets/index-abc.js'),
    ));
    const r = gate(findings, allow);
    expect(r.allowed.map((f) => f.file)).toEqual(['renderer/assets/index-abc.js']);
    expect(r.failing.map((f) => `${f.rule} ${f.file}`)).toEqual([
      'OPEN_EXTERNAL_JS_CHECK electron/main.js',
      'SANDBOX_JS_CHECK renderer/assets/index-abc.js',
    ]);
  });

  it('does not count canary findings, and reports how many there were', () => {
    const findings = readFindings(sarif(result('SANDBOX_JS_CHECK', '__canary__/canary.js'), result('PRELOAD_JS_CHECK', 'electron/main.js')));
    const r = gate(findings, [{ rule: 'PRELOAD_JS_CHECK', file: 'electron/main.js', justification: why }], '__canary__/');
    expect(r.canaryHits).toBe(1);
    expect(r.findings).toHaveLength(1);
    expect(r.failing).toHaveLength(0);
  });

  it('reports allow-list entries that matched nothing', () => {
    const entry = { rule: 'PRELOAD_JS_CHECK', file: 'electron/main.js', justification: why };
    expect(gate([], [entry]).unusedEntries).toEqual([entry]);
  });

  it('globs: * stays within a segment, ** spans directories', () => {
    expect(globToRegExp('renderer/assets/*.js').test('renderer/assets/index-abc.js')).toBe(true);
    expect(globToRegExp('renderer/assets/*.js').test('renderer/assets/sub/x.js')).toBe(false);
    expect(globToRegExp('renderer/**.js').test('renderer/assets/sub/x.js')).toBe(true);
    expect(globToRegExp('electron/main.js').test('electron/mainXjs')).toBe(false);
    expect(globToRegExp(GLOBAL_FILE).test(GLOBAL_FILE)).toBe(true);
  });

  it('requires a rule id, a file pattern and a real justification for every allow-list entry', () => {
    expect(AllowList.safeParse([{ rule: 'CSP_GLOBAL_CHECK', file: '<global>', justification: 'ok' }]).success).toBe(false);
    expect(AllowList.safeParse([{ rule: 'CSP_GLOBAL_CHECK', justification: why }]).success).toBe(false);
    expect(AllowList.safeParse([{ rule: 'csp', file: '<global>', justification: why }]).success).toBe(false);
  });

  it('the committed allow-list is valid', () => {
    const raw: unknown = JSON.parse(readFileSync(new URL('./electronegativity-allow.json', import.meta.url), 'utf8'));
    expect(AllowList.parse(raw).length).toBeGreaterThan(0);
  });
});

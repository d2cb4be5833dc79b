// Gate for the electronegativity scan: reads its SARIF and fails when any finding is not covered by the
// allow-list (scripts/electronegativity-allow.json: rule id + file glob + written justification).
// The tool's own exit code means nothing; only the SARIF counts. Usage (Node >= 22.12 runs this file as is):
//   node scripts/electronegativity-gate.ts --sarif <file> --allow <file> [--canary <dir/>]
// With --canary, findings under that directory prove the scanner parsed the staged JavaScript: at least one
// is required, and they are not counted.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const AllowEntry = z
  .object({
    rule: z.string().regex(/^[A-Z0-9_]+$/, 'a rule id such as OPEN_EXTERNAL_JS_CHECK'),
    file: z.string().min(1),
    justification: z.string().trim().min(30, 'write why this finding is acceptable (30+ characters)'),
  })
  .strict();
export type AllowEntry = z.infer<typeof AllowEntry>;
export const AllowList = z.array(AllowEntry);

const SarifLocation = z.object({
  physicalLocation: z
    .object({
      artifactLocation: z.object({ uri: z.string() }).partial().optional(),
      region: z.object({ startLine: z.number() }).partial().optional(),
    })
    .optional(),
});
const Sarif = z.object({
  version: z.string(),
  runs: z.array(
    z.object({
      results: z.array(
        z.object({
          ruleId: z.string(),
          level: z.string().optional(),
          message: z.object({ text: z.string() }).partial().optional(),
          locations: z.array(SarifLocation).optional(),
        }),
      ),
    }),
  ).min(1),
});

/** Application-wide findings carry no file (the tool writes `file:///` or `N/A`); allow-list them as `<global>`. */
export const GLOBAL_FILE = '<global>';

export interface Finding {
  rule: string;
  file: string;
  line: number;
  level: string;
  message: string;
}

export function readFindings(sarif: unknown): Finding[] {
  const parsed = Sarif.parse(sarif);
  return parsed.runs.flatMap((run) =>
    run.results.map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri ?? '';
      const file = uri === '' || uri === 'N/A' || /^file:\/\/\/?$/.test(uri) ? GLOBAL_FILE : uri.replace(/^file:\/\//, '');
      return {
        rule: result.ruleId,
        file,
        line: location?.region?.startLine ?? 0,
        level: result.level ?? 'warning',
        message: result.message?.text ?? '',
      };
    }),
  );
}

/** `**` spans directories, `*` and `?` stay within one path segment; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export interface GateResult {
  findings: Finding[];
  allowed: Finding[];
  failing: Finding[];
  canaryHits: number;
  unusedEntries: AllowEntry[];
}

export function gate(all: Finding[], allow: AllowEntry[], canaryDir?: string): GateResult {
  const matchers = allow.map((entry) => ({ entry, file: globToRegExp(entry.file), used: false }));
  const isCanary = (f: Finding): boolean => canaryDir !== undefined && f.file.startsWith(canaryDir);
  const findings = all.filter((f) => !isCanary(f));
  const allowed: Finding[] = [];
  const failing: Finding[] = [];
  for (const finding of findings) {
    const match = matchers.find((m) => m.entry.rule === finding.rule && m.file.test(finding.file));
    if (match) {
      match.used = true;
      allowed.push(finding);
    } else failing.push(finding);
  }
  return {
    findings,
    allowed,
    failing,
    canaryHits: all.length - findings.length,
    unusedEntries: matchers.filter((m) => !m.used).map((m) => m.entry),
  };
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { sarif: { type: 'string' }, allow: { type: 'string' }, canary: { type: 'string' } },
  });
  if (!values.sarif || !values.allow) {
    console.error('usage: node scripts/electronegativity-gate.ts --sarif <file> --allow <file> [--canary <dir/>]');
    return 2;
  }
  let findings: Finding[];
  let allow: AllowEntry[];
  try {
    findings = readFindings(JSON.parse(readFileSync(values.sarif, 'utf8')));
  } catch (error) {
    console.error(`electronegativity: no usable SARIF at ${values.sarif}: ${(error as Error).message}`);
    return 1;
  }
  try {
    allow = AllowList.parse(JSON.parse(readFileSync(values.allow, 'utf8')));
  } catch (error) {
    console.error(`electronegativity: invalid allow-list ${values.allow}: ${(error as Error).message}`);
    return 1;
  }
  const result = gate(findings, allow, values.canary);
  for (const f of result.failing) console.error(`  FAIL ${f.rule} ${f.file}:${f.line} (${f.level}) ${f.message}`);
  for (const e of result.unusedEntries) console.warn(`  note: allow-list entry matched nothing: ${e.rule} ${e.file}`);
  const canaryMissing = values.canary !== undefined && result.canaryHits === 0;
  if (canaryMissing) console.error(`  FAIL the canary under ${values.canary} was not flagged: the scan did not parse the staged files`);
  console.log(
    `electronegativity: ${result.findings.length} findings, ${result.allowed.length} allowed, ${result.failing.length} failing`,
  );
  return result.failing.length > 0 || canaryMissing ? 1 : 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));

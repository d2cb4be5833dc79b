import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORE_ENV, CORE_EXEC_ARGV } from '../core/contract/process.ts';

describe('npm run serve', () => {
  it('starts the core with the same V8 and malloc settings as the desktop shell', () => {
    const script = readFileSync(new URL('./serve.sh', import.meta.url), 'utf8');
    const exec = script.split('\n').find((l) => l.startsWith('exec node '));
    expect(exec).toBe(`exec node ${CORE_EXEC_ARGV.join(' ')} core/cli/main.ts serve "$@"`);
    for (const [k, v] of Object.entries(CORE_ENV)) expect(script).toContain(`export ${k}=${v}\n`);
  });
});

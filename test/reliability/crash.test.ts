import { describe, expect, it } from 'vitest';
import { runCrashCycles } from './crash-harness.ts';

const LONG = process.env['FLOWDECK_LONG'] === '1';
const CYCLES = LONG ? 50 : 8;

describe('crash consistency: a real core process SIGKILLed while it polls the fake n8n', () => {
  it(`survives ${CYCLES} kills with 0 runs lost, 0 doubled, rollups equal to a recount and an intact database`, async () => {
    const seed = Number(process.env['FLOWDECK_SEED'] ?? 20261125);
    const lines: string[] = [];
    const f = await runCrashCycles({ cycles: CYCLES, seed, maxKillDelayMs: 400, log: (l) => lines.push(l) });
    const failed = [f.lost, f.doubled, f.wrongStatus].filter((n) => n > 0).length + (f.rollupsMatch ? 0 : 1) + (f.integrity === 'ok' ? 0 : 1);
    console.log([...lines,
      `crash: seed=${f.seed} cycles=${f.cycles} killed=${f.killed} (during start ${f.killedDuringStart}) truth=${f.truth} ledger=${f.ledger} ` +
      `lost=${f.lost} doubled=${f.doubled} wrongStatus=${f.wrongStatus} rollups=${f.rollupsMatch ? 'equal' : 'DIFFER'} integrity=${f.integrity}`,
      `crash: ${5 - failed} passed, ${failed} failed`].join('\n'));
    expect(f.cycles).toBe(CYCLES);
    expect({ lost: f.lost, doubled: f.doubled, wrongStatus: f.wrongStatus, rollupsMatch: f.rollupsMatch, integrity: f.integrity })
      .toEqual({ lost: 0, doubled: 0, wrongStatus: 0, rollupsMatch: true, integrity: 'ok' });
  }, LONG ? 600_000 : 120_000);
});

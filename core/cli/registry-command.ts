import { mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { auditActorOf } from '../contract/actor.ts';
import { CoreError } from '../contract/errors.ts';
import { dataDirFrom, withCore } from './open-core.ts';
import { cliCaller } from './os-user.ts';
import { CliError, DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_OK, HELP_OPTION, parseCommand, UsageError, type CliIo } from './usage.ts';

export const REGISTRY_HELP = `Usage: flowdeck registry <export|import> --dir FOLDER [--data-dir DIR]

The workflow registry as a git-friendly folder: one file per workflow (metadata, current definition, versions),
stable key order and line endings, so two exports of an unchanged registry are identical.

  flowdeck registry export --dir FOLDER   Write the registry (FOLDER must be empty or an earlier export)
  flowdeck registry import --dir FOLDER   Merge an export in: metadata is merged, no history is lost
${DATA_DIR_HELP}
`;

export async function registryCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('registry', args, { ...HELP_OPTION, ...DATA_DIR_OPTION, dir: { type: 'string' } }, 1);
  if (values.help) {
    io.out(REGISTRY_HELP);
    return EXIT_OK;
  }
  const sub = positionals[0];
  if (sub !== 'export' && sub !== 'import') {
    throw new UsageError(sub ? `flowdeck registry: unknown subcommand '${sub}' (use export or import).` : 'flowdeck registry: say export or import.');
  }
  if (!values.dir) throw new UsageError(`flowdeck registry ${sub}: give the folder with --dir, e.g. --dir ./flowdeck-registry`);
  const dir = isAbsolute(values.dir) ? values.dir : resolve(io.cwd, values.dir);
  const by = auditActorOf(cliCaller(io.env));
  await withCore(dataDirFrom(values['data-dir'], io), (core) => {
    try {
      if (sub === 'export') {
        mkdirSync(dir, { recursive: true });
        io.out(`Exported ${core.registry.exportTo(dir, by)} files to ${dir}.\n`);
      } else {
        const r = core.registry.importFrom(dir, by);
        io.out(`Imported ${r.workflows} workflows (${r.versionsAdded} new versions) from ${dir}.\n`);
        for (const s of r.skipped) io.err(`Skipped: ${s}\n`);
      }
    } catch (error) {
      if (error instanceof CoreError) throw new CliError(error.message);
      throw error;
    }
  });
  return EXIT_OK;
}

import { CliError } from './usage.ts';

export interface SecretInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

const MAX_SECRET_BYTES = 16 * 1024;

/** Flags people reach for that would put a secret in argv (shell history, `ps`). */
const SECRET_FLAGS = /^--(secret|token|api-key|apikey|key|credential|password)(=|$)/;

/** The first argument that tries to pass a secret on the command line, by name only (never its value). */
export function secretFlagIn(args: readonly string[]): string | null {
  for (const arg of args) {
    const m = SECRET_FLAGS.exec(arg);
    if (m) return `--${m[1]}`;
  }
  return null;
}

/** How a command names what it reads (defaults fit a connector's credential). */
export interface SecretWording {
  /** The prompt at a terminal. */
  ask?: string;
  /** e.g. 'password' */
  what?: string;
  /** A command line that pipes it in, in backticks. */
  example?: string;
}

/**
 * Reads a secret from standard input: everything from a pipe (one trailing newline dropped), or one line typed
 * at a terminal with echo turned off. Never from argv.
 */
export async function readSecret(input: SecretInput, prompt: (text: string) => void, o: SecretWording = {}): Promise<string> {
  const secret = input.isTTY && input.setRawMode ? await readHidden(input, prompt, o.ask) : await readAll(input);
  const trimmed = secret.replace(/\r?\n$/, '');
  if (!trimmed.trim()) {
    throw new CliError(`No ${o.what ?? 'secret'} arrived on standard input. Pipe it in, e.g. ${o.example ?? '`printf %s "$KEY" | flowdeck connectors add …`'}.`);
  }
  if (/[\r\n]/.test(trimmed)) throw new CliError('The secret on standard input spans several lines; send exactly one line.');
  return trimmed;
}

async function readAll(input: SecretInput): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_SECRET_BYTES) throw new CliError(`The secret on standard input is longer than ${MAX_SECRET_BYTES / 1024} KB; that is not an API key.`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readHidden(input: SecretInput, prompt: (text: string) => void, ask = 'Paste the secret and press Enter (it is not shown): '): Promise<string> {
  prompt(ask);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error: Error | null) => {
      input.setRawMode!(false);
      input.removeListener('data', onData);
      input.pause();
      prompt('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new CliError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.setRawMode!(true);
    input.resume();
    input.on('data', onData);
  });
}

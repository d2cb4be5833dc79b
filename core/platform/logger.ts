/** Structured logging seam; the node implementation writes JSON lines to stderr. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createStderrLogger(component: string): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, component, message, ...fields })}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export function createMemoryLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (message, fields) => { lines.push({ level: 'info', message, ...(fields ? { fields } : {}) }); },
    warn: (message, fields) => { lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) }); },
    error: (message, fields) => { lines.push({ level: 'error', message, ...(fields ? { fields } : {}) }); },
  };
}

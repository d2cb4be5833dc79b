// Damages a closed SQLite file the way a failing disk does: 64 bytes flipped at the start of a page in the middle
// of the file (its b-tree header and cell pointers). `PRAGMA quick_check` finds it; opening the file does not.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export function flipMiddlePage(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    const header = Buffer.alloc(100);
    readSync(fd, header, 0, 100, 0);
    const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
    const pages = header.readUInt32BE(28);
    const at = Math.floor(pages / 2) * pageSize;
    const bytes = Buffer.alloc(64);
    readSync(fd, bytes, 0, 64, at);
    for (let i = 0; i < 64; i++) bytes[i] = bytes[i]! ^ 0xff;
    writeSync(fd, bytes, 0, 64, at);
  } finally {
    closeSync(fd);
  }
}

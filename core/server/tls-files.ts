import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A certificate and its private key, PEM, for `flowdeck serve --tls-cert F --tls-key F`. */
export interface TlsFiles {
  cert: string;
  key: string;
}

export class TlsFilesError extends Error {
  override name = 'TlsFilesError';
}

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'this user may not read it' : code === 'EISDIR' ? 'it is a folder' : 'it cannot be read';
    throw new TlsFilesError(`The TLS ${what} ${file} cannot be used: ${why}.`);
  }
}

/**
 * Reads and checks the certificate and key: each must be PEM, and the key must be the certificate's own. The messages
 * name the file and say what is wrong, never the key's contents.
 */
export function readTlsFiles(certFile: string, keyFile: string): TlsFiles {
  const cert = read(certFile, 'certificate');
  const key = read(keyFile, 'key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new TlsFilesError(`The TLS certificate ${certFile} is not a PEM certificate (it should start with -----BEGIN CERTIFICATE-----).`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new TlsFilesError(`The TLS key ${keyFile} is not a PEM private key without a passphrase (it should start with -----BEGIN PRIVATE KEY-----).`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new TlsFilesError(`The TLS key ${keyFile} does not belong to the certificate ${certFile}: give the key the certificate was made with.`);
  }
  return { cert, key };
}

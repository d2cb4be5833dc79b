// Preloaded (node --require) into the electronegativity CLI by scripts/electronegativity.sh.
// The tool fetches translations and Electron's release list over the network; offline, its HTTP client
// (got 11) throws an uncaught error from a retry timer and kills the scan at random. The scan of our own
// files needs no network, so every request fails at once instead: results are the same on every machine.
const Module = require('node:module');
const path = require('node:path');

const toolDir = process.env.ELECTRONEGATIVITY_PACKAGE_DIR;
if (!toolDir) throw new Error('ELECTRONEGATIVITY_PACKAGE_DIR is not set');
const gotPath = require.resolve('got', { paths: [path.join(toolDir, 'dist', 'locales')] });
const offline = () => Promise.reject(new Error('network disabled: Flowdeck runs electronegativity offline'));
offline.head = offline;
offline.get = offline;
const stub = new Module(gotPath);
stub.filename = gotPath;
stub.loaded = true;
stub.exports = offline;
require.cache[gotPath] = stub;

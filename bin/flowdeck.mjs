#!/usr/bin/env node
// The `flowdeck` command. Flowdeck's core is TypeScript that Node runs directly (type stripping, Node >= 22.18).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `flowdeck needs Node.js 22.18 or newer (this is ${process.versions.node}).\n` +
    'In the Flowdeck checkout run `. scripts/toolchain.sh` (it brings Node 24 from the npm registry), or install Node 24.\n',
  );
  process.exit(1);
}
await import('../core/cli/main.ts');

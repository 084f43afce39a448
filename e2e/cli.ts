// Runs the native `stageplay` CLI from the e2e tests. scripts/test.sh builds it
// (`scripts/build-cli.sh --debug`, linked as it ships) before Playwright starts, so no
// test waits on a compile:
// `cargo run` would rebuild the library without the test-only features inside a test's time.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const BIN = join(process.cwd(), 'target', 'debug', 'stageplay');

/** Runs `stageplay ARGS` with `input` on stdin and returns its standard output. */
export function runCli(args: string[], input: string): string {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: run \`scripts/build-cli.sh --debug\` first (scripts/test.sh does)`);
  }
  return execFileSync(BIN, args, { input, encoding: 'utf8' });
}

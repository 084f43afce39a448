// The native `stageplay` CLI for the share/embed/export end-to-end tests. `ensureCli()` (call it
// in `beforeAll`, which has a long timeout) builds the binary the way `cargo test` does, a
// no-op right after `make test`'s cargo step, so no test spends its own timeout compiling.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(process.cwd(), 'target', 'debug', 'stageplay');

export function ensureCli(): void {
  execFileSync('cargo', ['test', '--no-run', '--quiet', '--test', 'share_cli'], { stdio: 'inherit' });
}

/** Runs `stageplay ARGS…` with `input` on standard input and returns its standard output. */
export function stageplay(args: string[], input: string): string {
  return execFileSync(BIN, args, { input, encoding: 'utf8' });
}

import type { Scenario } from '@defuse/schemas';
import { formatDiagnostic } from '../../diagnostics';
import type { TrustedKey } from '../../types';
import { verifyLog } from '../../verify';
import { parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { loadScenario, printFileProblems, readLog } from '../files';
import { readTrustFile } from '../key-file';
import { fileName, plain } from '../text';

/** `defuse verify`: is a decision log intact and true to its scenario? */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check decision logs: hash chain, signatures, scenario digest, replay',
  usage: `defuse verify <log...> [--scenario <file>] [--trust <keys.json>] [--require-trusted]

Checks each decision log: its shape, its hash chain (any edit, deletion or
reordering of events breaks it), that it was recorded against this very
scenario text (digest), and that replaying it with its seed reproduces every
recorded destination and variable. Prints "intact", or the first bad event
(its seq) and why. Without --scenario only the shape and the chain are checked.

A signed log's newest signature is checked against the key in its header,
and the hub's newest countersignature against the hub's key; a signature
that does not match breaks the log. An intact log then gets one of:
  intact, signed by a trusted device (NAME)
  intact, countersigned by a trusted hub (NAME)
  intact, but anyone could have written it (signed by unknown key ID)
  intact, unsigned (an older log)
Intact and unsigned or of an unknown key proves only that the log is
consistent: anyone can rebuild a chain and sign it with a key of their own.

Options:
  --scenario FILE      the scenario the logs were recorded with
  --trust FILE         the keys to trust: { "keys": [ { "publicKey": JWK,
                       "kind": "device" | "hub", "name": "..." } ] }, the
                       bare array, or a private key file (run --key), whose
                       public key is trusted as a device
  --require-trusted    an intact log that is not trusted fails too

Exit status: 0 when every log is intact (and trusted, with
--require-trusted), 1 otherwise.`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      scenario: { type: 'string', short: 's' },
      trust: { type: 'string' },
      'require-trusted': { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('missing decision log file(s)');
    let trust: TrustedKey[] = [];
    if (values.trust !== undefined) {
      const keys = readTrustFile(io, values.trust);
      if (typeof keys === 'string') {
        io.err(`${fileName(values.trust)}: ${keys}`);
        return EXIT_FAILED;
      }
      trust = keys;
    }
    let scenario: Scenario | undefined;
    if (values.scenario !== undefined) {
      scenario = loadScenario(io, values.scenario);
      if (!scenario) return EXIT_FAILED;
    }
    let failed = false;
    for (const file of positionals) {
      const found = readLog(io, file);
      if (!found.log) {
        printFileProblems(io.out, file, found);
        if (!found.problem) io.out(`${fileName(file)}: not intact: not a readable decision log`);
        failed = true;
        continue;
      }
      const result = verifyLog(scenario, found.log, { trust });
      if (result.ok) {
        io.out(`${fileName(file)}: ${result.message}`);
        io.out(`${fileName(file)}: ${plain(result.signature.message)}`);
        if (values['require-trusted'] && result.signature.state !== 'trusted') failed = true;
        continue;
      }
      failed = true;
      for (const d of result.diagnostics) io.out(plain(formatDiagnostic(file, d)));
      const where = result.seq !== undefined ? `first bad event is seq ${result.seq}` : 'bad';
      io.out(`${fileName(file)}: not intact: ${where} (${result.problem ?? 'format'})`);
    }
    return failed ? EXIT_FAILED : EXIT_OK;
  },
};

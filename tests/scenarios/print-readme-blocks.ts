/**
 * Prints the generated parts of `scenarios/README.md` (the index table and,
 * per scenario, its facts, objectives and simulated outcome tables) from the
 * scenario files, for pasting after a scenario changes:
 *
 *   npx tsx tests/scenarios/print-readme-blocks.ts
 */
import { indexTable, readmeBlocks, scenarioFacts } from './library-facts';
import { shippedFiles } from './helpers';

const all = await Promise.all(shippedFiles().map(scenarioFacts));
process.stdout.write(indexTable(all) + '\n\n');
for (const facts of all) process.stdout.write(readmeBlocks(facts) + '\n\n');

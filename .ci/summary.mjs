// Prints the closing line CI reads: "N passed, N failed", from Vitest's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  // A file that fails to load counts as a failure even though none of its tests ran.
  if (failed === 0) failed = report.numFailedTestSuites ?? 0;
} catch {
  // The run stopped before Vitest wrote a report (install, lint or typecheck failed).
  failed = 1;
}
if (process.argv[3] !== '0' && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);

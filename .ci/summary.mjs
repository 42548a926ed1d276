// Prints "N passed, M failed" from vitest's JSON reports (the tests, then the packaging and docs
// checks of `pnpm run check:publish`); a failed step with no failed test (build, check, lint)
// counts as one failure. Exits non-zero on any failure.
// Usage: node .ci/summary.mjs <exit status> <report.json>...
import { existsSync, readFileSync } from "node:fs"

const [statusArg, ...files] = process.argv.slice(2)
const status = Number(statusArg ?? "1")
let passed = 0
let failed = 0
let reports = 0
for (const file of files) {
  if (!existsSync(file)) continue
  const report = JSON.parse(readFileSync(file, "utf8"))
  reports += 1
  passed += report.numPassedTests ?? 0
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0)
  if (report.numTotalTests === 0) failed += 1
}
if (reports === 0 && failed === 0) failed = 1
if (status !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 && status === 0 ? 0 : 1)

// Prints "N passed, M failed" from vitest's JSON report; a failed step before the tests
// (build, check, lint) counts as one failure. Exits non-zero on any failure.
import { existsSync, readFileSync } from "node:fs"

const [file, statusArg] = process.argv.slice(2)
const status = Number(statusArg ?? "1")
let passed = 0
let failed = 0
if (existsSync(file)) {
  const report = JSON.parse(readFileSync(file, "utf8"))
  passed = report.numPassedTests ?? 0
  failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0)
  if (report.numTotalTests === 0) failed += 1
}
if (status !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 && status === 0 ? 0 : 1)

// `pnpm bench`: every benchmark of the repo in one go, one readable table set per benchmark, and
// one JSON file with all results (bench-results/latest.json, plus a dated copy).
//
// Run:   pnpm bench [--quick] [--only request-overhead,bundle-size,@agentphone-effect/transcripts]
//                   [--json path/to/results.json]
//
// The benchmarks:
//   - request-overhead (this folder): agentphone-effect vs the official SDK vs raw fetch/undici;
//   - bundle-size (this folder): browser bundle of one call, tree-shaking, cold import;
//   - every workspace package (packages/*, apps/*) with a `bench` script, e.g. the transcript SSE
//     parse and webhook verify benches. They get `--quick` when this run is quick, and the env var
//     AGENTPHONE_BENCH_JSON naming a file they may write their results to (merged here).
// `--quick` is the CI smoke: small counts, only checks that every benchmark runs and prints. No
// benchmark passes or fails on speed; this exits non-zero only when one crashes.
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "./lib/common.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.dirname(here)
const args = parseArgs()
const quick = args.quick === true
const only = args.only && args.only !== true ? String(args.only).split(",") : undefined
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "agentphone-effect-bench-"))

const benches = [
  { name: "request-overhead", cmd: process.execPath, argv: [path.join(here, "request-overhead/bench.mjs")], own: true },
  { name: "bundle-size", cmd: process.execPath, argv: [path.join(here, "bundle-size/bench.mjs")], own: true }
]
for (const dir of ["packages", "apps"]) {
  const base = path.join(root, dir)
  if (!fs.existsSync(base)) continue
  for (const entry of fs.readdirSync(base).sort()) {
    const file = path.join(base, entry, "package.json")
    if (!fs.existsSync(file)) continue
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"))
    if (pkg.scripts?.bench) {
      benches.push({ name: pkg.name, cmd: "pnpm", argv: ["--silent", "run", "bench"], cwd: path.dirname(file) })
    }
  }
}

const run = (b, json) =>
  new Promise((resolve) => {
    const argv = [...b.argv, ...(quick ? ["--quick"] : []), ...(b.own ? ["--json", json] : [])]
    const t0 = Date.now()
    const p = spawn(b.cmd, argv, {
      cwd: b.cwd ?? root,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, AGENTPHONE_BENCH_JSON: json }
    })
    const summary = []
    let rest = ""
    p.stdout.on("data", (d) => {
      process.stdout.write(d)
      const lines = (rest + d).split("\n")
      rest = lines.pop()
      for (const l of lines) if (l.startsWith("SUMMARY")) summary.push(l)
    })
    p.on("error", (e) => resolve({ code: 1, error: String(e), seconds: (Date.now() - t0) / 1000, summary }))
    p.on("exit", (code) => {
      if (rest.startsWith("SUMMARY")) summary.push(rest)
      resolve({ code: code ?? 1, seconds: (Date.now() - t0) / 1000, summary })
    })
  })

const results = {
  date: new Date().toISOString(),
  quick,
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: `${os.cpus().length}x ${os.cpus()[0]?.model ?? "?"}`,
    memGB: Math.round(os.totalmem() / 2 ** 30)
  },
  benches: {}
}
let failed = 0
for (const b of benches) {
  if (only && !only.includes(b.name)) continue
  console.log(`\n===== ${b.name} ${"=".repeat(Math.max(0, 90 - b.name.length))}`)
  const json = path.join(tmp, `${b.name.replace(/\W+/g, "_")}.json`)
  const r = await run(b, json)
  let data
  try {
    if (fs.existsSync(json)) data = JSON.parse(fs.readFileSync(json, "utf8"))
  } catch (e) {
    data = { unreadable: String(e) }
  }
  if (r.code !== 0) failed++
  results.benches[b.name] = {
    ok: r.code === 0,
    exitCode: r.code,
    seconds: r.seconds,
    summary: r.summary,
    results: data
  }
}

const outFile = args.json && args.json !== true
  ? path.resolve(args.json)
  : path.join(root, "bench-results", "latest.json")
fs.mkdirSync(path.dirname(outFile), { recursive: true })
fs.writeFileSync(outFile, JSON.stringify(results, null, 2))
if (!args.json) {
  fs.copyFileSync(
    outFile,
    path.join(path.dirname(outFile), `bench-${results.date.replace(/[:.]/g, "-")}${quick ? "-quick" : ""}.json`)
  )
}
fs.rmSync(tmp, { recursive: true, force: true })

console.log(
  `\n===== pnpm bench${quick ? " --quick" : ""}: ${results.date}, node ${process.version}, ${results.machine.cpus}`
)
for (const [name, r] of Object.entries(results.benches)) {
  console.log(`${r.ok ? "ok  " : "FAIL"} ${name} (${r.seconds.toFixed(0)} s)`)
  for (const s of r.summary) console.log(`     ${s}`)
}
console.log(`results: ${path.relative(process.cwd(), outFile)}`)
process.exit(failed === 0 ? 0 : 1)

// Profile one contender's request path: `node --cpu-prof --cpu-prof-dir=bench-results/prof bench/profile.mjs
// [--contender ape-undici] [--from more-contenders.mjs] [--op list|send] [--n 20000] [--conc 64]`, then print the top self-time
// functions of the newest profile with `node bench/profile.mjs --report bench-results/prof`.
// `--alloc` instead samples what the measured run allocates (V8's sampling heap profiler, counting
// objects already collected too) and prints the top allocation sites by bytes per request.
import { fork } from "node:child_process"
import fs from "node:fs"
import inspector from "node:inspector/promises"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { int, loadContenders, parseArgs, pool } from "./lib/common.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const args = parseArgs()

if (args.report) {
  const dir = String(args.report)
  const file = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]
  const prof = JSON.parse(fs.readFileSync(file, "utf8"))
  const dt = new Map()
  for (let i = 0; i < prof.samples.length; i++) {
    dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0))
  }
  const by = new Map()
  const byFile = new Map()
  let total = 0
  for (const node of prof.nodes) {
    const t = dt.get(node.id) ?? 0
    total += t
    const cf = node.callFrame
    const url = cf.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(
      /^file:\/\/.*\/packages\//,
      ""
    )
    const key = `${cf.functionName || "(anon)"} ${url}:${cf.lineNumber + 1}`
    by.set(key, (by.get(key) ?? 0) + t)
    const fk = url.split("/").slice(0, 3).join("/") || cf.functionName
    byFile.set(fk, (byFile.get(fk) ?? 0) + t)
  }
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k)
  console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`)
  for (const [k, v] of top(byFile, 25)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
  console.log("")
  for (const [k, v] of top(by, int(args.top, 40))) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
  process.exit(0)
}

const name = String(args.contender ?? "ape-undici")
const op = String(args.op ?? "list")
const n = int(args.n, 20000)
const conc = int(args.conc, 64)
const server = fork(path.join(here, "request-overhead/server.mjs"), [], { env: { ...process.env, BENCH_TOKEN: "t" } })
const { port } = await new Promise((resolve) => server.on("message", (m) => m?.type === "ready" && resolve(m)))
const contenders = await loadContenders(
  ["raw-fetch", "raw-undici", "official", "effect-baseline", "effect-floor", "agentphone-effect"].map((f) =>
    path.join(here, "request-overhead/contenders", `${f}.mjs`)
  ).concat(args.from ? String(args.from).split(",").map((f) => path.resolve(f)) : []),
  { all: {} },
  "__none__"
)
const c = contenders.find((x) => x.name === name)
const client = await c.create({ baseUrl: `http://127.0.0.1:${port}`, token: "t" })
const SEND = { body: "hi", to_number: "+14155550123" }
const runMany = (k) =>
  client.runMany
    ? client.runMany(op, k, conc)
    : pool(k, conc, op === "list" ? client.listContacts : () => client.sendMessage(SEND))
await runMany(1000)
const session = args.alloc ? new inspector.Session() : undefined
if (session) {
  session.connect()
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true
  })
}
const cpu0 = process.cpuUsage()
const t0 = performance.now()
await runMany(n)
const cpu = process.cpuUsage(cpu0)
if (session) {
  const { profile } = await session.post("HeapProfiler.stopSampling")
  const by = new Map()
  let total = 0
  const walk = (node, stack) => {
    const cf = node.callFrame
    const url = cf.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(
      /^file:\/\/.*\/packages\//,
      ""
    )
    const key = `${cf.functionName || "(anon)"} ${url}:${cf.lineNumber + 1}`
    by.set(key, (by.get(key) ?? 0) + node.selfSize)
    total += node.selfSize
    for (const child of node.children) walk(child, stack)
  }
  walk(profile.head)
  console.log(`allocated ~${(total / n / 1024).toFixed(1)} KB/request (sampled)`)
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, int(args.top, 40))) {
    console.log(`${(v / n).toFixed(0).padStart(7)} B  ${k}`)
  }
}
console.log(
  `${name} ${op} x${n} c=${conc}: ${((n / (performance.now() - t0)) * 1000).toFixed(0)} req/s, ${
    ((cpu.user + cpu.system) / n).toFixed(1)
  } µs CPU/req`
)
await client.close?.()
server.kill()
process.exit(0)

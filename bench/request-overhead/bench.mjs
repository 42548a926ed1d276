// request-overhead: what an SDK adds on top of a bare HTTP request, as ratios against raw fetch
// measured in the same process run, interleaved over rounds. Adapted from the reference harness
// (../shared/bench/request-overhead); contenders: raw fetch / undici, the official SDK 1.0.17, a
// plain Effect HttpClient, and agentphone-effect over undici and over fetch. A "goals" table puts
// agentphone-effect against the official SDK and the raw client of the same transport.
//
// Run:   node bench/request-overhead/bench.mjs [--rounds 5] [--seq 200] [--n 1000] [--conc 1,16,64]
//                                        [--mem-requests 10000] [--no-mem] [--quick]
//                                        [--contender path/to/adapter.mjs]... [--only name,name] [--json out.json]
//        or BENCH_CONTENDERS=path/a.mjs,path/b.mjs node request-overhead/bench.mjs
//
// What it measures (client = this process; the server is a CHILD process, so its CPU is not counted):
//   - sequential latency: median µs of `--seq` back-to-back calls, for listContacts (GET, 20 contacts,
//     ~4.5 KB JSON) and sendMessage (POST, echoed)
//   - throughput: `--n` listContacts calls at concurrency 1, 16 and 64 (req/s), and the client's
//     CPU time per request in those runs (process.cpuUsage delta / n), plus the server's CPU share
//     (about 100% means the server, not the client, was the limit)
//   - memory: in a fresh child process per contender, heapUsed after GC once the client is created,
//     after `--mem-requests` list calls (at concurrency 16), and after as many again (bounded memory:
//     the second batch adds about nothing)
// Every figure is also given as a ratio to the baseline contender (raw-fetch) in the same round; the
// table shows the median over rounds of those per-round ratios, and their spread (max-min)/median.
//
// ADAPTER INTERFACE (a contender). A module whose default export is a contender or an array of them:
//   export default {
//     name: "agentphone-effect",            // unique; shown in the tables
//     description?: "one line",
//     async create({ baseUrl, token }) {    // baseUrl like "http://127.0.0.1:PORT" (no trailing slash)
//       return {
//         listContacts(): Promise<number>,  // GET /v1/contacts, decode; resolve to the number of contacts (20)
//         sendMessage(req): Promise<string>,// POST /v1/messages with req = { body, to_number, agent_id };
//                                           // resolve to the response's to_number (the server echoes it)
//         runMany?(op: "list" | "send", n, concurrency): Promise<void>,
//                                           // optional: run n calls natively (e.g. one Effect with
//                                           // { concurrency }); otherwise the harness runs a promise pool
//         close?(): Promise<void>
//       }
//     }
//   }
// The server requires `authorization: Bearer <token>`. A contender must reject (throw) on non-2xx.
// Effect SDKs: build a ManagedRuntime in create(), call runtime.runPromise per call, and implement
// runMany with Effect.replicateEffect(..., { concurrency, discard: true }) - see contenders/effect-api.mjs.
import { fork, spawn } from "node:child_process"
import path from "node:path"
import { setImmediate } from "node:timers"
import { fileURLToPath } from "node:url"
import {
  fmt,
  gc,
  header,
  int,
  loadContenders,
  maybeWriteJson,
  median,
  parseArgs,
  pool,
  ratio,
  rotate,
  spread,
  table,
  watchdog
} from "../lib/common.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const args = parseArgs()
const quick = args.quick === true
const cfg = {
  rounds: int(args.rounds, quick ? 1 : 5),
  seq: int(args.seq, quick ? 20 : 200),
  n: int(args.n, quick ? 100 : 1000),
  conc: String(args.conc ?? "1,16,64").split(",").map(Number),
  warmup: int(args.warmup, quick ? 60 : 800),
  memRequests: int(args["mem-requests"], quick ? 300 : 10000),
  memConc: int(args["mem-conc"], 16),
  // --quick (the CI smoke) skips the memory children unless --mem is given: they cost a process each.
  mem: args["no-mem"] !== true && (!quick || args.mem === true)
}
const TOKEN = "sk_bench_token"
const SEND = { body: "Your order A-10042 has shipped.", to_number: "+14155550123", agent_id: "agent_7f3a" }

// ------------------------------------------------------------------ memory child mode
if (args["mem-child"]) {
  const { source, name, baseUrl, n, conc } = JSON.parse(String(args["mem-child"]))
  gc()
  const heapBare = process.memoryUsage().heapUsed
  const [c] = (await loadContenders([source], { all: {} }, "__none__")).filter((x) => x.name === name)
  const client = await c.create({ baseUrl, token: TOKEN })
  const run = (k, cc) => (client.runMany ? client.runMany("list", k, cc) : pool(k, cc, () => client.listContacts()))
  await run(200, conc)
  await settle()
  const m1 = process.memoryUsage()
  await run(n, conc)
  await settle()
  const m2 = process.memoryUsage()
  // As many again: bounded means this second batch adds about nothing (the first one also warms up
  // code and caches).
  await run(n, conc)
  await settle()
  const m3 = process.memoryUsage()
  process.stdout.write(
    JSON.stringify({
      heapBare,
      heapCreated: m1.heapUsed,
      heapAfter: m2.heapUsed,
      heapAfterTwice: m3.heapUsed,
      rssAfter: m2.rss,
      externalAfter: m2.external
    })
  )
  await client.close?.()
  process.exit(0)
}
async function settle() {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((r) => setImmediate(r))
  }
}

// ------------------------------------------------------------------ main
// Loaded CI machines are slow: the watchdog only guarantees the run ends, it is not a time budget.
const maxSeconds = int(args["max-seconds"], quick ? 600 : 3600)
watchdog(maxSeconds * 1000, "request-overhead")
const info = header("request-overhead", { ...cfg, conc: cfg.conc.join("/") })
const builtIn = [
  "raw-fetch",
  "raw-undici",
  "raw-dispatch",
  "official",
  "effect-baseline",
  "effect-floor",
  "agentphone-effect"
]
const contenders = await loadContenders(
  builtIn.map((f) => path.join(here, "contenders", `${f}.mjs`)),
  args,
  "BENCH_CONTENDERS"
)
const base = contenders.find((c) => c.baseline)
if (!base) throw new Error("the baseline contender (raw-fetch) is missing")

const server = fork(path.join(here, "server.mjs"), [], {
  env: { ...process.env, BENCH_TOKEN: TOKEN, BENCH_SERVER_MAX_SECONDS: String(maxSeconds + 60) },
  stdio: "inherit"
})
const ready = await new Promise((resolve, reject) => {
  server.once("error", reject)
  server.on("message", (m) => m?.type === "ready" && resolve(m))
})
const baseUrl = `http://127.0.0.1:${ready.port}`
const serverCpu = () =>
  new Promise((resolve) => {
    const on = (m) => {
      if (m?.type === "cpu") {
        server.off("message", on)
        resolve(m)
      }
    }
    server.on("message", on)
    server.send({ type: "cpu" })
  })
console.log(`server: ${baseUrl} (child pid ${server.pid}), list body ${ready.listBytes} bytes`)

// create + check + warm up
const clients = new Map()
for (const c of contenders) {
  const client = await c.create({ baseUrl, token: TOKEN })
  const count = await client.listContacts()
  if (count !== 20) throw new Error(`${c.name}: listContacts resolved to ${count}, expected 20`)
  const to = await client.sendMessage(SEND)
  if (to !== SEND.to_number) throw new Error(`${c.name}: sendMessage resolved to ${to}, expected ${SEND.to_number}`)
  clients.set(c.name, client)
}
const runMany = (client, op, n, conc) =>
  client.runMany
    ? client.runMany(op, n, conc)
    : pool(n, conc, op === "list" ? () => client.listContacts() : () => client.sendMessage(SEND))
for (const c of contenders) {
  const client = clients.get(c.name)
  await runMany(client, "list", cfg.warmup, 16)
  await runMany(client, "send", cfg.warmup >> 2, 16)
  for (let i = 0; i < cfg.warmup >> 2; i++) await client.listContacts()
}

const now = () => process.hrtime.bigint()
async function latency(client, op) {
  const xs = new Array(cfg.seq)
  const f = op === "list" ? () => client.listContacts() : () => client.sendMessage(SEND)
  for (let i = 0; i < cfg.seq; i++) {
    const t0 = now()
    await f()
    xs[i] = Number(now() - t0) / 1e3
  }
  return median(xs)
}

// No forced GC between batches: a full gc() makes the NEXT batch 1.5-2x more expensive in CPU
// (measured: raw fetch 170 -> 350 µs/request), which would swamp the differences we look for.
// Rotating the order each round spreads the GC debt one contender leaves to the next.
// per round: metric -> contender -> value
const rounds = []
const t0 = Date.now()
for (let r = 0; r < cfg.rounds; r++) {
  const order = rotate(contenders, r)
  const m = {}
  const put = (k, name, v) => ((m[k] ??= {})[name] = v)
  for (const op of ["list", "send"]) {
    for (const c of order) {
      put(`lat_${op}`, c.name, await latency(clients.get(c.name), op))
    }
  }
  for (const conc of cfg.conc) {
    for (const c of order) {
      const s0 = await serverCpu()
      const cpu0 = process.cpuUsage()
      const w0 = now()
      await runMany(clients.get(c.name), "list", cfg.n, conc)
      const wall = Number(now() - w0) / 1e3 // µs
      const cpu = process.cpuUsage(cpu0)
      const s1 = await serverCpu()
      put(`rps_c${conc}`, c.name, (cfg.n / wall) * 1e6)
      put(`cpu_c${conc}`, c.name, (cpu.user + cpu.system) / cfg.n)
      put(`srv_c${conc}`, c.name, (100 * (s1.user + s1.system - s0.user - s0.system)) / wall)
    }
  }
  rounds.push(m)
  process.stdout.write(`round ${r + 1}/${cfg.rounds} done (${((Date.now() - t0) / 1000).toFixed(1)}s)\n`)
}
for (const client of clients.values()) await client.close?.()

// ------------------------------------------------------------------ memory (fresh child per contender)
const mem = {}
if (cfg.mem) {
  for (const c of contenders) {
    const spec = JSON.stringify({ source: c.source, name: c.name, baseUrl, n: cfg.memRequests, conc: cfg.memConc })
    const out = await new Promise((resolve, reject) => {
      const p = spawn(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--mem-child", spec], {
        stdio: ["ignore", "pipe", "inherit"]
      })
      let s = ""
      p.stdout.on("data", (d) => (s += d))
      p.on(
        "exit",
        (code) => (code === 0 ? resolve(JSON.parse(s)) : reject(new Error(`${c.name}: memory child exited ${code}`)))
      )
    })
    mem[c.name] = out
  }
}
server.disconnect()
server.kill()

// ------------------------------------------------------------------ report
const names = contenders.map((c) => c.name)
const stat = (key, name, invert = false) => {
  const vals = rounds.map((m) => m[key][name])
  const ratios = rounds.map((m) => (invert ? m[key][base.name] / m[key][name] : m[key][name] / m[key][base.name]))
  return { value: median(vals), ratio: median(ratios), spread: spread(ratios), raw: vals }
}
const results = {
  info,
  config: cfg,
  contenders: contenders.map(({ name, description, source }) => ({ name, description, source })),
  metrics: {}
}
for (const key of Object.keys(rounds[0])) {
  results.metrics[key] = Object.fromEntries(names.map((n) => [n, stat(key, n)]))
}

table(
  "Sequential latency: median µs per call (ratio vs raw-fetch, >1 = slower)",
  ["contender", "list µs", "ratio", "spread", "send µs", "ratio", "spread"],
  names.map((n) => {
    const l = results.metrics.lat_list[n], s = results.metrics.lat_send[n]
    return [n, fmt(l.value, 0), ratio(l.ratio), l.spread, fmt(s.value, 0), ratio(s.ratio), s.spread]
  })
)
table(
  `Throughput, listContacts x ${cfg.n}: req/s (ratio vs raw-fetch, <1 = slower); srv% = server CPU share`,
  ["contender", ...cfg.conc.flatMap((c) => [`c=${c} req/s`, "ratio", "srv%"])],
  names.map((n) => [
    n,
    ...cfg.conc.flatMap((c) => {
      const x = results.metrics[`rps_c${c}`][n]
      return [fmt(x.value, 0), ratio(x.ratio), fmt(results.metrics[`srv_c${c}`][n].value, 0)]
    })
  ])
)
table(
  "Client CPU per request, µs (user+system of this process / n; ratio vs raw-fetch, >1 = more CPU)",
  ["contender", ...cfg.conc.flatMap((c) => [`c=${c} µs`, "ratio", "spread"])],
  names.map((n) => [
    n,
    ...cfg.conc.flatMap((c) => {
      const x = results.metrics[`cpu_c${c}`][n]
      return [fmt(x.value, 0), ratio(x.ratio), x.spread]
    })
  ])
)
if (cfg.mem) {
  const b = mem[base.name]
  results.memory = mem
  table(
    `Memory, fresh process per contender: heapUsed after GC (MB); after ${cfg.memRequests} list calls at c=${cfg.memConc} (growth), then after as many again (next)`,
    ["contender", "bare", "created", "after", "ratio", "growth KB", "next KB", "rss MB"],
    names.map((n) => {
      const x = mem[n]
      return [
        n,
        fmt(x.heapBare / 2 ** 20, 2),
        fmt(x.heapCreated / 2 ** 20, 2),
        fmt(x.heapAfter / 2 ** 20, 2),
        ratio(x.heapAfter / b.heapAfter),
        fmt((x.heapAfter - x.heapCreated) / 1024, 0),
        fmt((x.heapAfterTwice - x.heapAfter) / 1024, 0),
        fmt(x.rssAfter / 2 ** 20, 0)
      ]
    })
  )
}
// Goals (issue 10): agentphone-effect throughput at c=64 >= 2x the official SDK; client CPU per
// request <= 1.5x the raw client of the same transport; heap growth bounded. Per-round ratios.
const vs = (key, a, b) => median(rounds.map((m) => m[key][a] / m[key][b]))
const goals = [
  ["ape-undici", "raw-undici"],
  ["ape-node", "raw-undici"],
  ["ape-fetch", "raw-fetch"],
  ["ape-fetch-transport", "raw-fetch"]
].filter(([a, b]) => names.includes(a) && names.includes(b) && names.includes("official"))
if (goals.length > 0) {
  const top = `c${cfg.conc.at(-1)}`
  results.goals = Object.fromEntries(goals.map(([a, raw]) => [a, {
    [`rps_${top}_vs_official`]: vs(`rps_${top}`, a, "official"),
    [`cpu_${top}_vs_${raw}`]: vs(`cpu_${top}`, a, raw),
    lat_list_vs_official: vs("lat_list", a, "official"),
    lat_send_vs_official: vs("lat_send", a, "official"),
    heapGrowthKB: cfg.mem ? (mem[a].heapAfter - mem[a].heapCreated) / 1024 : undefined,
    heapNextKB: cfg.mem ? (mem[a].heapAfterTwice - mem[a].heapAfter) / 1024 : undefined
  }]))
  table(
    `Goals: throughput at ${top} vs official (goal >= 2x), CPU/request vs the raw client of the same transport (goal <= 1.5x)`,
    [
      "contender",
      `rps ${top} vs official`,
      `cpu ${top} vs raw`,
      "raw",
      "list lat vs official",
      "send lat vs official",
      "heap growth KB",
      "next KB"
    ],
    goals.map(([a, raw]) => {
      const g = results.goals[a]
      return [
        a,
        ratio(g[`rps_${top}_vs_official`]),
        ratio(g[`cpu_${top}_vs_${raw}`]),
        raw,
        ratio(g.lat_list_vs_official),
        ratio(g.lat_send_vs_official),
        fmt(g.heapGrowthKB, 0),
        fmt(g.heapNextKB, 0)
      ]
    })
  )
}
const short = (n) => {
  const M = results.metrics
  const c64 = cfg.conc.includes(64) ? `rps@c64 ${ratio(M.rps_c64[n].ratio)}` : ""
  const cpuKey = `cpu_c${cfg.conc.at(-1)}`
  return `${n}: lat ${ratio(M.lat_list[n].ratio)}, cpu/req ${ratio(M[cpuKey][n].ratio)}, ${c64}${
    cfg.mem ? `, heap ${ratio(mem[n].heapAfter / mem[base.name].heapAfter)}` : ""
  }`
}
console.log(
  `\nSUMMARY request-overhead vs raw-fetch (${cfg.rounds} rounds, ${((Date.now() - t0) / 1000).toFixed(0)}s): ${
    names.filter((n) => n !== base.name).map(short).join(" | ")
  }`
)
await maybeWriteJson(args, results)
process.exit(0)

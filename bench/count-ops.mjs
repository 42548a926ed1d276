import { loadContenders } from "./lib/common.mjs"
import { fork } from "node:child_process"
const name = process.argv[2], n = 2000
const server = fork("request-overhead/server.mjs", [], { env: { ...process.env, BENCH_TOKEN: "t" } })
const { port } = await new Promise((r) => server.on("message", (m) => m?.type === "ready" && r(m)))
const cs = await loadContenders(["request-overhead/contenders/effect-floor.mjs", "request-overhead/contenders/agentphone-effect.mjs", "bench-results/scratch/variants.mjs"], { all: {} }, "__none__")
const c = cs.find((x) => x.name === name)
const client = await c.create({ baseUrl: `http://127.0.0.1:${port}`, token: "t" })
await client.runMany("list", 200, 64)
globalThis.__ops = new Map()
await client.runMany("list", n, 64)
const ops = globalThis.__ops; globalThis.__ops = undefined
let total = 0; for (const v of ops.values()) total += v
console.log(name, (total / n).toFixed(1), "ops/request")
for (const [k, v] of [...ops].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log((v / n).toFixed(2).padStart(7), k)
await client.close?.(); server.kill(); process.exit(0)

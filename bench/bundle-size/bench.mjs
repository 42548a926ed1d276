// bundle-size: what one list-contacts call costs a browser bundle, whether tree-shaking keeps the
// other endpoints out, and what importing @agentphone-effect/core costs a cold Node process.
// Adapted from the reference harness (../shared/bench/bundle-size).
//
// Run:   node bench/bundle-size/bench.mjs [--runs 10] [--quick] [--json out.json]
//
// Bundles: esbuild (platform browser, esm, minify, tree shaking) of each entry in entries/, twice:
//   - "full": everything the call needs;
//   - "added": with `effect` and `@effect/platform` external, i.e. only what a contender adds on top
//     of what an Effect app already ships (for the official SDK and raw fetch, the same as full).
// Sizes are gzip level 9 and brotli quality 11; ratios are against the official SDK's whole bundle.
// Every full bundle is imported in Node and its main() must list 20 contacts from a local server.
// Tree-shaking: the endpoint rows (`"/v1/..."` path templates) found in the one-call bundle against
// those in a bundle that keeps every table, and the number of rows core defines.
// Cold import: `--runs` fresh `node -e "await import(...)"` processes per target, interleaved;
// median in-process import ms, ratio vs the official SDK, and core minus the effect modules it loads.
import * as esbuild from "esbuild"
import { fork, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import zlib from "node:zlib"
import {
  fmt,
  header,
  int,
  maybeWriteJson,
  median,
  parseArgs,
  ratio,
  rotate,
  spread,
  table,
  watchdog
} from "../lib/common.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const entries = path.join(here, "entries")
const args = parseArgs()
const runs = int(args.runs, args.quick ? 2 : 10)
watchdog(int(args["max-seconds"], 1200) * 1000, "bundle-size")
const info = header("bundle-size", { esbuild: esbuild.version, runs })
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "agentphone-effect-bundles-"))

const contenders = [
  { name: "raw-fetch", entry: "raw-fetch.mjs", note: "the floor: fetch + JSON" },
  { name: "official", entry: "official.mjs", note: "agentphone 1.0.17", baseline: true },
  { name: "effect-baseline", entry: "effect-baseline.mjs", note: "plain @effect/platform HttpClient, one model" },
  {
    name: "agentphone-effect",
    entry: "agentphone-effect.mjs",
    note: "Contacts.listContacts() (callable row) over fetch"
  },
  {
    name: "agentphone-effect (service)",
    entry: "agentphone-effect-service.mjs",
    note: "ap.contacts.listContacts(): the grouped service"
  },
  { name: "agentphone-effect (all)", entry: "agentphone-effect-all.mjs", note: "every table kept (upper bound)" }
]
const effectExternal = ["effect", "effect/*", "@effect/platform", "@effect/platform/*"]

// ------------------------------------------------------------------ bundles
const pkgOf = (input) => {
  const m = input.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/)
  if (m) return m[1]
  if (input.includes("packages/core/")) return "@agentphone-effect/core"
  return "(entry)"
}
// Each row's path template is one string literal in the output (rows may share a path).
const rowsIn = (text) => Array.from(text.matchAll(/["'`]\/v1\/[^"'`]*["'`]/g)).length
const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length
const brotli = (buf) =>
  zlib.brotliCompressSync(buf, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length }
  }).length

async function bundle(c, kind) {
  const outfile = path.join(outDir, `${c.name.replace(/\W+/g, "_")}.${kind}.mjs`)
  const r = await esbuild.build({
    entryPoints: [path.join(entries, c.entry)],
    outfile,
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    treeShaking: true,
    metafile: true,
    logLevel: "error",
    absWorkingDir: here,
    external: kind === "added" ? effectExternal : []
  })
  const buf = fs.readFileSync(outfile)
  const byPkg = {}
  const inputs = r.metafile.outputs[Object.keys(r.metafile.outputs)[0]].inputs
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    byPkg[pkgOf(input)] = (byPkg[pkgOf(input)] ?? 0) + bytesInOutput
  }
  const coreModules = Object.keys(inputs).filter((i) => i.includes("packages/core/") && inputs[i].bytesInOutput > 0)
  return {
    file: outfile,
    raw: buf.length,
    gzip: gzip(buf),
    brotli: brotli(buf),
    rows: rowsIn(buf.toString("utf8")),
    coreModules: coreModules.map((m) => path.basename(m)),
    packages: Object.entries(byPkg).sort((a, b) => b[1] - a[1])
  }
}
const bundles = {}
for (const c of contenders) bundles[c.name] = { full: await bundle(c, "full"), added: await bundle(c, "added") }

// ------------------------------------------------------------------ functional check of each full bundle
const server = fork(path.join(here, "../request-overhead/server.mjs"), [], {
  env: { ...process.env, BENCH_TOKEN: "sk_bench_token" }
})
const { port } = await new Promise((resolve) => server.on("message", (m) => m?.type === "ready" && resolve(m)))
for (const c of contenders) {
  try {
    const mod = await import(pathToFileURL(bundles[c.name].full.file).href)
    const n = await mod.main(`http://127.0.0.1:${port}`, "sk_bench_token")
    bundles[c.name].check = n === 20 ? "ok" : `returned ${n}`
  } catch (e) {
    bundles[c.name].check = `FAILED: ${String(e?.message ?? e).slice(0, 60)}`
  }
}
server.disconnect()
server.kill()

// How many endpoint rows core defines (from the built package).
const { AgentPhone } = await import("@agentphone-effect/core")
const totalRows = Object.values(AgentPhone.groups).reduce((n, g) => n + Object.keys(g).length, 0)

// ------------------------------------------------------------------ cold import, fresh processes
const emptyModule = path.join(outDir, "empty.mjs")
fs.writeFileSync(emptyModule, "export {}\n")
const targets = [
  { key: "node (empty module)", file: emptyModule },
  { key: "official", file: path.join(entries, "official-import.mjs") },
  { key: "effect modules core uses", file: path.join(entries, "effect-floor.mjs") },
  { key: "@agentphone-effect/core", file: path.join(entries, "core-import.mjs") },
  { key: "core/Contacts + core/AgentPhoneClient", file: path.join(entries, "core-one-module-import.mjs") }
]
const script =
  "const t0 = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t0))"
const once = (file) =>
  new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const p = spawn(process.execPath, ["--input-type=module", "-e", script, pathToFileURL(file).href], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    p.stdout.on("data", (d) => (out += d))
    p.on("exit", (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e6
      if (code === 0) resolve({ importMs: Number(out), wallMs: wall })
      else reject(new Error(`import of ${file} exited ${code}`))
    })
  })
const samples = Object.fromEntries(targets.map((t) => [t.key, []]))
for (let i = 0; i < runs; i++) {
  for (const t of rotate(targets, i % targets.length)) samples[t.key].push(await once(t.file))
}
const imp = (key) => median(samples[key].map((s) => s.importMs))
const wall = (key) => median(samples[key].map((s) => s.wallMs))
const impRatio = (key) => median(samples[key].map((s, i) => s.importMs / samples.official[i].importMs))
const coreOwn = median(
  samples["@agentphone-effect/core"].map((s, i) => s.importMs - samples["effect modules core uses"][i].importMs)
)

// ------------------------------------------------------------------ report
const names = contenders.map((c) => c.name)
const b0 = bundles.official.full
const kb = (x) => `${(x / 1024).toFixed(1)} KB`
table(
  `Browser bundle of one listContacts call (esbuild ${esbuild.version}, esm, minified, gzip -9); ratio vs the official SDK's whole bundle`,
  ["contender", "full gzip", "added gzip", "ratio", "added brotli", "added raw", "works", "what it is"],
  names.map((n) => {
    const b = bundles[n]
    return [
      n,
      kb(b.full.gzip),
      kb(b.added.gzip),
      ratio(b.added.gzip / b0.gzip),
      kb(b.added.brotli),
      kb(b.added.raw),
      b.check,
      contenders.find((c) => c.name === n).note
    ]
  })
)
const one = bundles["agentphone-effect"].added
const viaService = bundles["agentphone-effect (service)"].added
const all = bundles["agentphone-effect (all)"].added
table(
  `Tree-shaking: endpoint rows in the bundle (core defines ${totalRows})`,
  ["bundle", "rows", "added gzip", "core modules in output"],
  [["one call (callable row)", `${one.rows}/${totalRows}`, kb(one.gzip), one.coreModules.join(" ")], [
    "one call (grouped service)",
    `${viaService.rows}/${totalRows}`,
    kb(viaService.gzip),
    viaService.coreModules.join(" ")
  ], [
    "every table",
    `${all.rows}/${totalRows}`,
    kb(all.gzip),
    all.coreModules.join(" ")
  ]]
)
table(
  `Cold import in a fresh node process (median of ${runs}); in-process dynamic import ms; ratio vs official`,
  ["target", "import ms", "ratio", "spread", "process wall ms"],
  targets.map((
    t
  ) => [
    t.key,
    fmt(imp(t.key), 1),
    t.key === "node (empty module)" ? "" : ratio(impRatio(t.key)),
    spread(samples[t.key].map((s) => s.importMs)),
    fmt(wall(t.key), 0)
  ])
)
console.log(
  `core's own import cost on top of the effect modules it loads: ${fmt(coreOwn, 1)} ms (median of per-run differences)`
)
const results = {
  info,
  totalRows,
  bundles: Object.fromEntries(names.map((n) => [n, {
    check: bundles[n].check,
    full: { ...bundles[n].full, file: undefined, packages: bundles[n].full.packages.slice(0, 8) },
    added: { ...bundles[n].added, file: undefined, packages: bundles[n].added.packages.slice(0, 8) }
  }])),
  import: Object.fromEntries(
    targets.map((t) => [t.key, { importMs: imp(t.key), wallMs: wall(t.key), samples: samples[t.key] }])
  ),
  coreOwnImportMs: coreOwn
}
console.log(
  `\nSUMMARY bundle-size: agentphone-effect adds ${kb(one.gzip)} gzip on top of effect (${
    ratio(one.gzip / b0.gzip)
  } of the official SDK's ${kb(b0.gzip)}); one call keeps ${one.rows}/${totalRows} endpoint rows; core import ${
    fmt(imp("@agentphone-effect/core"), 1)
  } ms (${ratio(impRatio("@agentphone-effect/core"))} official), ${fmt(coreOwn, 1)} ms above the effect modules`
)
await maybeWriteJson(args, results)
fs.rmSync(outDir, { recursive: true, force: true })
process.exit(0)

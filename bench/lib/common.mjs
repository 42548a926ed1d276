// Shared helpers for the agentphone benchmarks: CLI parsing, contender loading, statistics, tables.
// No dependencies beyond Node 20.
import os from "node:os"
import path from "node:path"
import { pathToFileURL } from "node:url"

/** Parse `--name value`, `--name=value` and bare `--flag`. Repeated options collect into arrays under `all`. */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = { all: {} }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (!a.startsWith("--")) continue
    let [k, v] = a.slice(2).split(/=(.*)/s, 2)
    if (v === undefined) {
      if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) v = argv[++i]
      else v = true
    }
    out[k] = v
    ;(out.all[k] ??= []).push(v)
  }
  return out
}

export const int = (v, d) => (v === undefined || v === true ? d : Number.parseInt(String(v), 10))

/**
 * Contender modules: the ones built in, plus any given with `--contender <path>` (repeatable) or in
 * the env var named `envVar` (paths separated by ',' or the platform path delimiter). Each module's
 * default export is one contender object or an array of them; every contender has a unique `name`.
 */
export async function loadContenders(builtinPaths, args, envVar) {
  const extra = [
    ...(args.all.contender ?? []),
    ...((process.env[envVar] ?? "").split(new RegExp(`[,${path.delimiter}]`)).filter(Boolean))
  ]
  const list = []
  for (const p of [...builtinPaths, ...extra]) {
    const url = p.startsWith("file:") ? p : pathToFileURL(path.resolve(p)).href
    const mod = await import(url)
    const exp = mod.default ?? mod.contenders ?? mod.contender
    if (exp === undefined) throw new Error(`${p}: no default export (expected a contender or an array of contenders)`)
    for (const c of Array.isArray(exp) ? exp : [exp]) {
      if (typeof c?.name !== "string") throw new Error(`${p}: contender without a string 'name'`)
      if (list.some((x) => x.name === c.name)) throw new Error(`duplicate contender name '${c.name}' (from ${p})`)
      list.push({ ...c, source: p, builtin: builtinPaths.includes(p) })
    }
  }
  const only = args.only && args.only !== true ? String(args.only).split(",") : undefined
  return only ? list.filter((c) => only.includes(c.name) || c.baseline) : list
}

export function median(xs) {
  const a = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y)
  if (a.length === 0) return NaN
  const m = a.length >> 1
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2
}
export function quantile(xs, q) {
  const a = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y)
  if (a.length === 0) return NaN
  return a[Math.min(a.length - 1, Math.max(0, Math.round(q * (a.length - 1))))]
}
/** Spread of per-round values: (max - min) / median, as a percentage string. */
export function spread(xs) {
  const a = xs.filter((x) => Number.isFinite(x))
  if (a.length < 2) return "-"
  return `±${((50 * (Math.max(...a) - Math.min(...a))) / median(a)).toFixed(0)}%`
}
/** Rotate an array by k (round r runs contenders in a different order, so no one always goes first). */
export const rotate = (xs, k) => xs.map((_, i) => xs[(i + k) % xs.length])

export const fmt = (x, digits = 1) =>
  x === undefined || x === null || Number.isNaN(x)
    ? "-"
    : typeof x === "string"
    ? x
    : Math.abs(x) >= 1000
    ? Math.round(x).toLocaleString("en-US")
    : x.toFixed(digits)
export const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : "-")

/** Print rows (arrays of cells) under a header as an aligned text table. */
export function table(title, header, rows) {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c)))
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)))
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")
  const out = [`\n${title}`, line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)]
  console.log(out.join("\n"))
}

export function header(name, extra = {}) {
  const info = {
    bench: name,
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${os.cpus().length}x ${os.cpus()[0]?.model ?? "?"}`,
    ...extra
  }
  console.log(Object.entries(info).map(([k, v]) => `${k}: ${v}`).join(" | "))
  return info
}

/** Kill the process if it runs past `ms` (benchmarks must stop by themselves). */
export function watchdog(ms, what) {
  const t = setTimeout(() => {
    console.error(`\n${what}: watchdog fired after ${ms / 1000}s, aborting`)
    process.exit(3)
  }, ms)
  t.unref()
  return t
}

export const gc = () => {
  forceGc()
  forceGc()
}

/** Run `fn` `n` times with at most `concurrency` in flight. */
export async function pool(n, concurrency, fn) {
  let next = 0
  const worker = async () => {
    while (next < n) {
      next++
      await fn()
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker))
}

/** Seeded PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Write results JSON when `--json <file>` was given. */
export async function maybeWriteJson(args, data) {
  if (args.json && args.json !== true) {
    const fs = await import("node:fs")
    fs.writeFileSync(args.json, JSON.stringify(data, null, 2))
    console.log(`(results written to ${args.json})`)
  }
}

/** A working `gc()` even when node was started without --expose-gc. */
export const forceGc = await (async () => {
  if (typeof globalThis.gc === "function") return globalThis.gc
  const v8 = await import("node:v8")
  const vm = await import("node:vm")
  v8.setFlagsFromString("--expose_gc")
  return vm.runInNewContext("gc")
})()

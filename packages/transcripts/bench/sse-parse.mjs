// @agentphone-effect/transcripts bench: SSE parse throughput as ratios measured in one run.
//
// Run:   pnpm bench            (from the package, after `pnpm build`; root `pnpm bench` builds first)
//        node bench/sse-parse.mjs [--quick] [--rounds 7] [--events 24000] [--json out.json]
//
// Input: a ~5 MB synthetic live transcript (24,000 `turn` events with `{role, content, createdAt}`
// data, a heartbeat comment every 25 events, non-ASCII text) split into random 1..4096 byte chunks
// (fixed seeds, so every parser sees the same bytes and boundaries, many splitting UTF-8 characters).
//
// Contenders, each given the same chunk array:
//   eventsource-parser        createParser + TextDecoder(stream), called directly: the BASELINE
//   ours: push parser         Sse.makeParser(onEvent).feed(bytes), called directly
//   ours: Stream stage        a Stream with one chunk per network chunk → Sse.decode() → events as
//                             Stream elements (runForEachChunk): the number the bar is about
//   @effect/experimental Sse  the same Stream → Stream.decodeText() → Sse.makeChannel()
//   ours: stage + Schema      the Stream stage + TranscriptEvent.fromSse (Schema-decodes each turn)
// Correctness first: every contender's events must match the generator's (count + sha256), else the
// run fails. Then `--rounds` rounds, each contender once per round in rotated order; we report the
// median time and the median of the per-round ratios against the baseline.
//
// Memory: two fresh child processes stream a lazily generated transcript (never held in memory) of
// N and 4N events through the Stream stage + Schema decode, sampling the live heap (after a forced
// GC) every 256 chunks; the peak must not grow with the stream's length.
//
// Exits non-zero only when a contender is wrong or crashes; speed never fails the run.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import v8 from "node:v8"
import vm from "node:vm"
import { chunk, digester, lazyChunks, makeBody } from "./body.mjs"

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.join(here, "..", "dist")
if (!fs.existsSync(path.join(dist, "Sse.js"))) {
  console.error("transcripts bench: dist/ is missing; run `pnpm build` first (root `pnpm bench` does)")
  process.exit(2)
}

const args = process.argv.slice(2)
const flag = (name) => args.includes(`--${name}`)
const opt = (name, d) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : d
}
const quick = flag("quick")

v8.setFlagsFromString("--expose_gc")
const gc = vm.runInNewContext("gc")

const Stream = await import("effect/Stream")
const Effect = await import("effect/Effect")
const Chunk = await import("effect/Chunk")
const Option = await import("effect/Option")
const Sse = await import(path.join(dist, "Sse.js"))
const TranscriptEvent = await import(path.join(dist, "TranscriptEvent.js"))

/** One Stream chunk per network chunk, as an HTTP response body delivers them. */
const streamOf = (chunks) =>
  Stream.unfoldChunk(0, (i) => (i < chunks.length ? Option.some([Chunk.of(chunks[i]), i + 1]) : Option.none()))

// ------------------------------------------------------------------ memory child
if (flag("mem-child")) {
  const events = Number(opt("mem-child"))
  const it = lazyChunks({ events })
  let chunks = 0
  let peak = 0
  const source = Stream.unfoldChunk(undefined, () => {
    const next = it.next()
    if (next.done) return Option.none()
    if ((++chunks & 255) === 0) {
      gc()
      peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
    return Option.some([Chunk.of(next.value), undefined])
  })
  let turns = 0
  await Effect.runPromise(
    Stream.runForEachChunk(
      source.pipe(Sse.decode(), Stream.map(TranscriptEvent.fromSse)),
      (c) => Effect.sync(() => void (turns += Chunk.size(c)))
    )
  )
  process.stdout.write(
    JSON.stringify({ events, turns, chunks, peakLive: peak, maxRSS: process.resourceUsage().maxRSS * 1024 })
  )
  process.exit(0)
}

// ------------------------------------------------------------------ contenders
const { createParser } = await import("eventsource-parser")
const EffectSse = await import("@effect/experimental/Sse")

const contenders = [
  {
    name: "eventsource-parser",
    baseline: true,
    parse(chunks, onEvent) {
      const decoder = new TextDecoder()
      const parser = createParser({ onEvent: (e) => onEvent(e.event ?? "message", e.id, e.data) })
      for (const c of chunks) parser.feed(decoder.decode(c, { stream: true }))
      parser.feed(decoder.decode())
    }
  },
  {
    name: "ours: push parser",
    parse(chunks, onEvent) {
      const parser = Sse.makeParser((e) => onEvent(e.event, e.id, e.data))
      for (const c of chunks) {
        const error = parser.feed(c)
        if (error) throw error
      }
    }
  },
  {
    name: "ours: Stream stage",
    stage: true,
    parse: (chunks, onEvent) =>
      Effect.runPromise(
        Stream.runForEachChunk(
          streamOf(chunks).pipe(Sse.decode()),
          (c) => Effect.sync(() => Chunk.forEach(c, (e) => onEvent(e.event, e.id, e.data)))
        )
      )
  },
  {
    // the floor under any Stream stage: the same source and sink, a pass-through stage, no parsing
    name: "(Stream plumbing, no parse)",
    floor: true,
    parse: async (chunks, onEvent) => {
      await Effect.runPromise(
        Stream.runForEachChunk(
          streamOf(chunks).pipe(Stream.mapChunks((c) => c)),
          (c) => Effect.sync(() => void Chunk.size(c))
        )
      )
      for (let i = 0; i < events; i++) onEvent()
    }
  },
  {
    name: "@effect/experimental Sse",
    effectSse: true,
    parse: (chunks, onEvent) =>
      Effect.runPromise(
        Stream.runForEachChunk(
          streamOf(chunks).pipe(Stream.decodeText(), Stream.pipeThroughChannel(EffectSse.makeChannel())),
          (c) => Effect.sync(() => Chunk.forEach(c, (e) => onEvent(e.event, e.id, e.data)))
        )
      )
  },
  {
    name: "ours: stage + Schema decode",
    decode: true,
    parse: (chunks, onEvent) =>
      Effect.runPromise(
        Stream.runForEachChunk(
          streamOf(chunks).pipe(Sse.decode(), Stream.map(TranscriptEvent.fromSse)),
          (c) =>
            Effect.sync(() =>
              Chunk.forEach(c, (e) => {
                if (e._tag !== "Turn") throw new Error(`expected a Turn, got ${e._tag}`)
                onEvent(e.role, e.createdAt, e.content)
              })
            )
        )
      )
  }
]

// ------------------------------------------------------------------ main
const events = Number(opt("events", quick ? 4_000 : 24_000))
const rounds = Number(opt("rounds", quick ? 2 : 7))
const { body, expectedHash } = makeBody({ events })
const chunks = chunk(body)
const mb = body.length / 1e6
console.log(
  `transcripts sse-parse | node ${process.version} | body ${(body.length / 1e6).toFixed(2)} MB, ${events} events, ` +
    `${chunks.length} chunks (1..4096 B) | ${rounds} rounds${quick ? " (quick)" : ""}`
)

// correctness (also warms every contender up)
for (const c of contenders) {
  if (c.floor) continue
  if (c.decode) {
    let n = 0
    await c.parse(chunks, () => void n++)
    if (n !== events) throw new Error(`${c.name}: ${n} turns, expected ${events}`)
    continue
  }
  const d = digester()
  await c.parse(chunks, d.onEvent)
  const r = d.result()
  if (r.count !== events || r.hash !== expectedHash) {
    throw new Error(
      `${c.name}: ${r.count} events, hash ${r.hash.slice(0, 12)}; expected ${events}, ${expectedHash.slice(0, 12)}`
    )
  }
}
console.log(`check: every contender produced the ${events} expected events`)

// Two clocks per run: CPU time of this process (user + system, all its threads: the primary
// measure, since on a shared machine wall time mostly measures other processes) and wall time.
const times = Object.fromEntries(contenders.map((c) => [c.name, []]))
const walls = Object.fromEntries(contenders.map((c) => [c.name, []]))
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < contenders.length; k++) {
    const c = contenders[(k + r) % contenders.length]
    gc()
    let n = 0
    const t0 = process.hrtime.bigint()
    const u0 = process.cpuUsage()
    await c.parse(chunks, () => void n++)
    const u = process.cpuUsage(u0)
    walls[c.name].push(Number(process.hrtime.bigint() - t0) / 1e6)
    times[c.name].push((u.user + u.system) / 1000)
    if (n !== events) throw new Error(`${c.name}: ${n} events in round ${r + 1}`)
  }
}

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y)
  const m = a.length >> 1
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2
}
const base = contenders.find((c) => c.baseline).name
const stage = contenders.find((c) => c.stage).name
const effectSse = contenders.find((c) => c.effectSse).name
const ratioTo = (num, den) => median(times[num].map((t, i) => times[den][i] / t)) // throughput ratio num vs den
const rows = contenders.map((c) => {
  const ms = median(times[c.name])
  return [
    c.name,
    ms.toFixed(1),
    Math.round((events / ms) * 1000).toLocaleString("en-US"),
    ((mb / ms) * 1000).toFixed(1),
    `${ratioTo(c.name, base).toFixed(2)}x`
  ]
})
const widths = rows[0].map((_, i) =>
  Math.max(...[["contender", "ms", "events/s", "MB/s", "vs baseline"], ...rows].map((r) => r[i].length))
)
const line = (r) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ")
console.log(
  `\nParse ${mb.toFixed(1)} MB (median of ${rounds} rounds; ratio = throughput vs ${base}, median of per-round ratios)`
)
console.log(line(["contender", "ms", "events/s", "MB/s", "vs baseline"]))
console.log(widths.map((w) => "-".repeat(w)).join("  "))
for (const r of rows) console.log(line(r))

const stageVsBase = ratioTo(stage, base)
const stageVsEffect = ratioTo(stage, effectSse)
const pushVsBase = ratioTo("ours: push parser", base)
const decodeEventsPerSec = (events / median(times["ours: stage + Schema decode"])) * 1000
console.log(`\nStream stage vs ${base} (direct): ${stageVsBase.toFixed(2)}x (bar >= 0.8x)`)
console.log(`Stream stage vs ${effectSse} Stream: ${stageVsEffect.toFixed(1)}x (bar >= 20x)`)
console.log(`push parser vs ${base}: ${pushVsBase.toFixed(2)}x`)
const floorName = contenders.find((c) => c.floor).name
const floorMs = median(times[floorName])
const baseMs = median(times[base])
const stageOwn = median(times[stage]) - floorMs
console.log(
  `Stream plumbing alone (source + pass-through + sink, no parsing): ${floorMs.toFixed(1)} ms = ` +
    `${((100 * floorMs) / baseMs).toFixed(0)}% of ${base}'s whole parse; the stage's own work (stage - plumbing): ` +
    `${stageOwn.toFixed(1)} ms = ${(baseMs / stageOwn).toFixed(2)}x ${base}`
)
console.log(`with Schema decode of every turn: ${Math.round(decodeEventsPerSec).toLocaleString("en-US")} events/s`)

// ------------------------------------------------------------------ memory
const memN = quick ? 5_000 : 25_000
const mem = []
for (const n of [memN, memN * 4]) {
  mem.push(
    await new Promise((resolve, reject) => {
      const p = spawn(process.execPath, [fileURLToPath(import.meta.url), "--mem-child", String(n)], {
        stdio: ["ignore", "pipe", "inherit"]
      })
      let s = ""
      p.stdout.on("data", (d) => (s += d))
      p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(s)) : reject(new Error(`memory child exited ${code}`))))
    })
  )
}
for (const m of mem) {
  if (m.turns !== m.events) throw new Error(`memory child: ${m.turns} turns, expected ${m.events}`)
}
const MB = (x) => (x / 2 ** 20).toFixed(1)
const growth = mem[1].peakLive / mem[0].peakLive
console.log(
  `\nMemory (Stream stage + Schema decode, lazily generated input): ${mem[0].events} events → peak live heap ` +
    `${MB(mem[0].peakLive)} MB, max RSS ${MB(mem[0].maxRSS)} MB; ${mem[1].events} events → ${
      MB(mem[1].peakLive)
    } MB, ` +
    `${MB(mem[1].maxRSS)} MB (x${growth.toFixed(2)} for 4x the stream)`
)

console.log(
  `\nSUMMARY transcripts sse-parse: Stream stage ${stageVsBase.toFixed(2)}x eventsource-parser (bar 0.8x), ` +
    `${stageVsEffect.toFixed(1)}x @effect/experimental Sse (bar 20x); push parser ${pushVsBase.toFixed(2)}x; ` +
    `${Math.round(decodeEventsPerSec).toLocaleString("en-US")} events/s with Schema decode; ` +
    `peak live heap x${growth.toFixed(2)} for 4x stream length`
)

const json = opt("json", process.env.AGENTPHONE_BENCH_JSON)
if (json) {
  fs.writeFileSync(
    json,
    JSON.stringify(
      {
        "sse-parse": {
          events,
          bytes: body.length,
          chunks: chunks.length,
          rounds,
          quick,
          medianMs: Object.fromEntries(contenders.map((c) => [c.name, median(times[c.name])])),
          ratios: {
            stageVsEventsourceParser: stageVsBase,
            stageVsEffectSse: stageVsEffect,
            pushVsEventsourceParser: pushVsBase
          },
          schemaDecodeEventsPerSec: decodeEventsPerSec,
          memory: mem
        }
      },
      null,
      2
    )
  )
}
process.exit(0)

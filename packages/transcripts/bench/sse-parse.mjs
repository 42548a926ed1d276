// @agentphone-effect/transcripts bench: SSE parse throughput as ratios measured in one run.
//
// Run:   pnpm bench            (from the package; root `pnpm bench` builds first)
//        node bench/sse-parse.mjs [--quick] [--rounds 5] [--events 24000] [--json out.json]
//
// Input: a ~5 MB synthetic live transcript (24,000 `turn` events with `{role, content, createdAt}`
// data, a heartbeat comment every 25 events, non-ASCII text) split into random 1..4096 byte chunks
// (fixed seeds, so every contender sees the same bytes and the same boundaries, many of them
// splitting UTF-8 characters).
//
// Feeding the Stream stage (the same bytes and the same network-chunk boundaries either way):
//   1 net/chunk   one Stream chunk per network chunk (2,420 pulls): a live stream whose server sends
//                 slower than we parse, where every write arrives on its own
//   <=16 KiB      consecutive network chunks grouped into Stream chunks of at most 16 KiB (329
//                 pulls), each network chunk still its own Uint8Array fed to the parser separately:
//                 a backlog (a replayed call), where a transport hands over what is buffered per
//                 read (FetchHttpClient over localhost delivered ~16 KB per Stream chunk,
//                 NodeHttpClient ~64 KB)
//   <=64 KiB      the same grouping at 64 KiB (77 pulls), NodeHttpClient's size under backlog. The
//                 stage splits a read over 16 KiB into reads of at most 16 KiB before parsing: with
//                 an effectful sink after it, 64 KiB reads made V8's minor GCs keep whole young
//                 generations alive and ran ~5x slower (eventsource-parser in the same Stream too)
//
// Contenders, each given the same array of chunks and each reading every event's type, id and data:
//   eventsource-parser        createParser + TextDecoder(stream), called directly: the BASELINE
//   ours: push parser         Sse.makeParser(onEvent).feed(bytes), called directly
//   ours: Stream stage        a Stream of the chunks (per feeding above) → Sse.decode() → events as
//                             Stream elements (runForEachChunk): the number the bar is about
//   (Stream plumbing)         the same Stream source and sink around a pass-through stage, no parsing:
//                             what any Stream stage pays on top of its own work (per feeding)
//   (floor)                   no stage: the same source (1 net/chunk) and the push parser called inside
//                             the sink: the least any parser fed from that Stream can cost, so the
//                             best ratio any Stream stage can reach on that feeding
//   @effect/experimental Sse  the same Stream (1 net/chunk) → Stream.decodeText() → Sse.makeChannel()
//   ours: stage + Schema      the Stream stage (1 net/chunk) + TranscriptEvent.fromSse (Schema-decodes
//                             each turn)
//
// Isolation: every measurement runs in a fresh child process (`--child`), so no contender inherits
// another's JIT or GC state (V8's allocation-site pretenuring decisions, in particular, are made
// once per process from what ran first and can slow a later contender several times over). Each
// child first checks its events against the generator's (count + sha256; the count is printed),
// warms up (30 runs, 1 for the slow contender), then times `reps` runs on the process's CPU clock
// (user + system; on a shared machine wall time mostly measures the neighbours; it is reported too).
// The CPU clock also counts V8's compiler and GC threads: after only 6 warm-up runs, Effect's
// per-stream code (run a few hundred times a run when chunks are batched) was still being compiled,
// and the Stream plumbing at <=16 KiB measured ~3x its steady-state cost; eventsource-parser's
// time did not change. `--rounds` rounds, each running
// every contender once in rotated order; a ratio is the median over rounds of that round's ratio,
// and the range over rounds is printed next to it.
//
// Memory: two more children stream a lazily generated transcript (never held in memory) of N and
// 4N events through the Stream stage + Schema decode, sampling the live heap after a forced GC every
// 256 chunks: the peak must not grow with the stream's length.
//
// Exits non-zero only when a contender is wrong or crashes; speed never fails the run.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import v8 from "node:v8"
import vm from "node:vm"
import { chunk, digester, group, lazyChunks, makeBody } from "./body.mjs"

const self = fileURLToPath(import.meta.url)
const here = path.dirname(self)
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
const events = Number(opt("events", quick ? 4_000 : 24_000))

/** Run this script as a child with `argv`; resolve its stdout parsed as JSON. */
const child = (argv) =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [self, ...argv], { stdio: ["ignore", "pipe", "inherit"] })
    let s = ""
    p.stdout.on("data", (d) => (s += d))
    p.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(s)) : reject(new Error(`bench child ${argv.join(" ")} exited ${code}`)))
  })

// ------------------------------------------------------------------ contenders (run in children)
const contenders = [
  { key: "esp", name: "eventsource-parser (direct)" },
  { key: "push", name: "ours: push parser (direct)" },
  { key: "stage", name: "ours: Stream stage, 1 net/chunk" },
  { key: "stage16", name: "ours: Stream stage, <=16 KiB chunks" },
  { key: "stage64", name: "ours: Stream stage, <=64 KiB chunks" },
  { key: "floor", name: "(plumbing, no parse, 1 net/chunk)" },
  { key: "floor16", name: "(plumbing, no parse, <=16 KiB)" },
  { key: "sinkParse", name: "(floor: push parser in the sink, 1 net/chunk)" },
  { key: "effectSse", name: "@effect/experimental Sse", slow: true },
  { key: "decode", name: "ours: stage + Schema decode" }
]

/** What a contender or the memory child runs on: Effect's modules and the built package. */
const loadModules = async () => ({
  Stream: await import("effect/Stream"),
  Effect: await import("effect/Effect"),
  Chunk: await import("effect/Chunk"),
  Option: await import("effect/Option"),
  Sse: await import(path.join(dist, "Sse.js")),
  TranscriptEvent: await import(path.join(dist, "TranscriptEvent.js"))
})

const loadContender = async (key) => {
  const { Chunk, Effect, Option, Sse, Stream, TranscriptEvent } = await loadModules()
  /** One Stream chunk per network chunk, as a live HTTP response body delivers them. */
  const streamOf = (chunks) =>
    Stream.unfoldChunk(0, (i) => (i < chunks.length ? Option.some([Chunk.of(chunks[i]), i + 1]) : Option.none()))
  /** Stream chunks of consecutive network chunks (each still its own Uint8Array) up to `max` bytes. */
  const groupedStreamOf = (chunks, max) => {
    const groups = group(chunks, max)
    return Stream.unfoldChunk(
      0,
      (i) => (i < groups.length ? Option.some([Chunk.unsafeFromArray(groups[i]), i + 1]) : Option.none())
    )
  }
  const drain = (stream, onEvent) =>
    Effect.runPromise(
      Stream.runForEachChunk(stream, (c) => Effect.sync(() => Chunk.forEach(c, (e) => onEvent(e.event, e.id, e.data))))
    )
  switch (key) {
    case "esp": {
      const { createParser } = await import("eventsource-parser")
      return (chunks, onEvent) => {
        const decoder = new TextDecoder()
        const parser = createParser({ onEvent: (e) => onEvent(e.event ?? "message", e.id, e.data) })
        for (const c of chunks) parser.feed(decoder.decode(c, { stream: true }))
        parser.feed(decoder.decode())
      }
    }
    case "push":
      return (chunks, onEvent) => {
        const parser = Sse.makeParser((e) => onEvent(e.event, e.id, e.data))
        for (const c of chunks) {
          const error = parser.feed(c)
          if (error) throw error
        }
      }
    case "stage":
      return (chunks, onEvent) => drain(streamOf(chunks).pipe(Sse.decode()), onEvent)
    case "stage16":
      return (chunks, onEvent) => drain(groupedStreamOf(chunks, 16 * 1024).pipe(Sse.decode()), onEvent)
    case "stage64":
      return (chunks, onEvent) => drain(groupedStreamOf(chunks, 64 * 1024).pipe(Sse.decode()), onEvent)
    case "floor":
    case "floor16": {
      // the same source and sink, a pass-through stage, no parsing (so no events: it reports the
      // expected count itself and is not hash-checked)
      const source = key === "floor" ? streamOf : (chunks) => groupedStreamOf(chunks, 16 * 1024)
      return async (chunks, onEvent) => {
        await Effect.runPromise(
          Stream.runForEachChunk(
            source(chunks).pipe(Stream.mapChunks((c) => c)),
            (c) => Effect.sync(() => void Chunk.size(c))
          )
        )
        for (let i = 0; i < events; i++) onEvent()
      }
    }
    case "sinkParse":
      // no stage: the same source, and the push parser called inside the sink on each chunk's
      // bytes. What any parser fed from a Stream pays at the least (its parse + the source and the
      // sink), so the most a Stream stage can reach on this feeding.
      return (chunks, onEvent) => {
        const parser = Sse.makeParser((e) => onEvent(e.event, e.id, e.data))
        return Effect.runPromise(
          Stream.runForEachChunk(streamOf(chunks), (c) =>
            Effect.sync(() =>
              Chunk.forEach(c, (bytes) => {
                const error = parser.feed(bytes)
                if (error) throw error
              })
            ))
        )
      }
    case "effectSse": {
      const EffectSse = await import("@effect/experimental/Sse")
      return (chunks, onEvent) =>
        drain(streamOf(chunks).pipe(Stream.decodeText(), Stream.pipeThroughChannel(EffectSse.makeChannel())), onEvent)
    }
    case "decode":
      return (chunks, onEvent) =>
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
  throw new Error(`unknown contender ${key}`)
}

if (flag("child")) {
  const key = opt("child")
  const warmup = Number(opt("warmup", 6))
  const reps = Number(opt("reps", 5))
  const { body, expectedHash } = makeBody({ events })
  const chunks = chunk(body)
  const parse = await loadContender(key)
  // correctness first: the same events as the generator (decode: one Turn per event)
  const d = digester()
  await parse(chunks, d.onEvent)
  const check = d.result()
  if (check.count !== events || (!key.startsWith("floor") && key !== "decode" && check.hash !== expectedHash)) {
    throw new Error(
      `${key}: ${check.count} events, hash ${check.hash.slice(0, 12)}; expected ${events}, ${expectedHash.slice(0, 12)}`
    )
  }
  // no forced GC between runs: a forced full GC shrinks the young generation to its minimum, and
  // every contender then runs several times slower (more minor GCs) than in a live process
  let sink = 0
  const touch = (event, id, data) => void (sink += data === undefined ? 1 : data.length)
  for (let i = 1; i < warmup; i++) await parse(chunks, touch)
  const cpu = []
  const wall = []
  for (let i = 0; i < reps; i++) {
    let n = 0
    const t0 = process.hrtime.bigint()
    const u0 = process.cpuUsage()
    await parse(chunks, (e, id, data) => {
      n++
      touch(e, id, data)
    })
    const u = process.cpuUsage(u0)
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6)
    cpu.push((u.user + u.system) / 1000)
    if (n !== events) throw new Error(`${key}: ${n} events in rep ${i + 1}, expected ${events}`)
  }
  process.stdout.write(JSON.stringify({ key, events: check.count, cpu, wall, sink }))
  process.exit(0)
}

// ------------------------------------------------------------------ memory child
if (flag("mem-child")) {
  v8.setFlagsFromString("--expose_gc")
  const gc = vm.runInNewContext("gc")
  const { Chunk, Effect, Option, Sse, Stream, TranscriptEvent } = await loadModules()
  const n = Number(opt("mem-child"))
  const it = lazyChunks({ events: n })
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
    JSON.stringify({ events: n, turns, chunks, peakLive: peak, maxRSS: process.resourceUsage().maxRSS * 1024 })
  )
  process.exit(0)
}

// ------------------------------------------------------------------ main
const rounds = Number(opt("rounds", quick ? 2 : 5))
const { body } = makeBody({ events })
const nChunks = chunk(body).length
const nGroups16 = group(chunk(body), 16 * 1024).length
const nGroups64 = group(chunk(body), 64 * 1024).length
const mb = body.length / 1e6
console.log(
  `transcripts sse-parse | node ${process.version} | body ${mb.toFixed(2)} MB, ${events} events, ` +
    `${nChunks} network chunks (1..4096 B; as Stream chunks: 1 net/chunk ${nChunks}, <=16 KiB ${nGroups16}, ` +
    `<=64 KiB ${nGroups64}) | ${rounds} rounds, one fresh process per contender per round` +
    `${quick ? " (quick)" : ""}`
)

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y)
  const m = a.length >> 1
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2
}
// per round and contender: the median CPU and wall ms of that child's reps
const perRound = []
const counts = {}
for (let r = 0; r < rounds; r++) {
  const round = {}
  for (let k = 0; k < contenders.length; k++) {
    const c = contenders[(k + r) % contenders.length]
    const warmup = quick ? 2 : c.slow ? 1 : 30
    const reps = quick ? 2 : c.slow ? 2 : 5
    const out = await child([
      "--child",
      c.key,
      "--events",
      String(events),
      "--warmup",
      String(warmup),
      "--reps",
      String(reps)
    ])
    counts[c.key] = out.events
    round[c.key] = { cpu: median(out.cpu), wall: median(out.wall) }
  }
  perRound.push(round)
  process.stderr.write(`  round ${r + 1}/${rounds} done\n`)
}
console.log(
  `check: every contender produced the ${events} expected events (` +
    contenders.map((c) => `${c.key} ${counts[c.key]}`).join(", ") +
    `; all but plumbing and decode also match the generator's sha256)`
)

/** Throughput ratio of `num` over `den` (time of den / time of num), per round: median and range. */
const ratio = (num, den, clock = "cpu") => {
  const xs = perRound.map((round) => round[den][clock] / round[num][clock])
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }
}
const fmt = (x, digits = 2) => `${x.median.toFixed(digits)}x [${x.min.toFixed(digits)}-${x.max.toFixed(digits)}]`
const ms = (key, clock = "cpu") => median(perRound.map((round) => round[key][clock]))

const head = ["contender", "cpu ms", "events/s", "MB/s", "vs baseline [range]", "wall ms", "vs baseline (wall)"]
const rows = contenders.map((c) => [
  c.name,
  ms(c.key).toFixed(1),
  Math.round((events / ms(c.key)) * 1000).toLocaleString("en-US"),
  ((mb / ms(c.key)) * 1000).toFixed(1),
  fmt(ratio(c.key, "esp")),
  ms(c.key, "wall").toFixed(1),
  `${ratio(c.key, "esp", "wall").median.toFixed(2)}x`
])
const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i].length)))
const line = (r) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ")
console.log(
  `\nParse ${mb.toFixed(1)} MB (median over ${rounds} rounds of each child's median run; ratio = throughput vs ` +
    `eventsource-parser in the same round; the process's CPU time is the primary clock)`
)
console.log(line(head))
console.log(widths.map((w) => "-".repeat(w)).join("  "))
for (const r of rows) console.log(line(r))

const stageVsBase = ratio("stage", "esp")
const stage16VsBase = ratio("stage16", "esp")
const stage64VsBase = ratio("stage64", "esp")
const stageVsEffect = ratio("stage", "effectSse")
const pushVsBase = ratio("push", "esp")
// the stage's own work: stage minus the plumbing any Stream stage pays (source, pass-through, sink)
const ownXs = perRound.map((round) => round.esp.cpu / Math.max(round.stage.cpu - round.floor.cpu, 1e-3))
const stageOwn = { median: median(ownXs), min: Math.min(...ownXs), max: Math.max(...ownXs) }
const floorShare = median(perRound.map((round) => round.floor.cpu / round.esp.cpu))
const floor16Share = median(perRound.map((round) => round.floor16.cpu / round.esp.cpu))
const decodeEventsPerSec = (events / ms("decode")) * 1000
const floorVsBase = ratio("sinkParse", "esp")
const stageVsFloor = ratio("stage", "sinkParse")

console.log(`\nStream stage vs eventsource-parser (direct), end to end (bar >= 0.8x):`)
console.log(`  one Stream chunk per network chunk:             ${fmt(stageVsBase)}`)
console.log(`  network chunks batched into <=16 KiB chunks:    ${fmt(stage16VsBase)}`)
console.log(`  network chunks batched into <=64 KiB chunks:    ${fmt(stage64VsBase)}`)
console.log(
  `  the floor (push parser inside the sink, no stage; 1 net/chunk):  ${fmt(floorVsBase)}; the stage vs ` +
    `that floor: ${fmt(stageVsFloor)}`
)
console.log(`Stream stage vs @effect/experimental Sse (same Stream):   ${fmt(stageVsEffect, 1)}  (bar >= 20x)`)
console.log(
  `Stream stage's own work (stage - plumbing) vs eventsource-parser: ${fmt(stageOwn)}; the plumbing alone ` +
    `(source + pass-through + sink, one Stream chunk per network chunk) costs ${(100 * floorShare).toFixed(0)}% ` +
    `of eventsource-parser's whole parse (${(100 * floor16Share).toFixed(0)}% batched into <=16 KiB chunks)`
)
console.log(`push parser vs eventsource-parser (both direct): ${fmt(pushVsBase)}`)
console.log(`with Schema decode of every turn: ${Math.round(decodeEventsPerSec).toLocaleString("en-US")} events/s`)

// ------------------------------------------------------------------ memory
const memN = quick ? 5_000 : 25_000
const mem = []
for (const n of [memN, memN * 4]) mem.push(await child(["--mem-child", String(n)]))
for (const m of mem) {
  if (m.turns !== m.events) throw new Error(`memory child: ${m.turns} turns, expected ${m.events}`)
}
const MiB = (x) => (x / 2 ** 20).toFixed(1)
const growth = mem[1].peakLive / mem[0].peakLive
console.log(
  `\nMemory (Stream stage + Schema decode, lazily generated input): ${mem[0].events} events → peak live heap ` +
    `${MiB(mem[0].peakLive)} MiB, max RSS ${MiB(mem[0].maxRSS)} MiB; ${mem[1].events} events → ` +
    `${MiB(mem[1].peakLive)} MiB, ${MiB(mem[1].maxRSS)} MiB (peak live heap x${growth.toFixed(2)} for 4x the stream)`
)

console.log(
  `\nSUMMARY transcripts sse-parse: Stream stage vs eventsource-parser (bar 0.8x): ` +
    `${stageVsBase.median.toFixed(2)}x [${stageVsBase.min.toFixed(2)}-${stageVsBase.max.toFixed(2)}] ` +
    `1 net/chunk, ${stage16VsBase.median.toFixed(2)}x [${stage16VsBase.min.toFixed(2)}-` +
    `${stage16VsBase.max.toFixed(2)}] <=16 KiB, ${stage64VsBase.median.toFixed(2)}x [${stage64VsBase.min.toFixed(2)}-` +
    `${stage64VsBase.max.toFixed(2)}] <=64 KiB (floor of any Stream-fed parser at 1 net/chunk ` +
    `${floorVsBase.median.toFixed(2)}x; stage vs floor ${stageVsFloor.median.toFixed(2)}x); ` +
    `${stageVsEffect.median.toFixed(1)}x @effect/experimental Sse (bar 20x); stage's own work ` +
    `${stageOwn.median.toFixed(2)}x (plumbing alone ${(100 * floorShare).toFixed(0)}% of eventsource-parser); ` +
    `push parser ${pushVsBase.median.toFixed(2)}x; ${Math.round(decodeEventsPerSec).toLocaleString("en-US")} ` +
    `events/s with Schema decode; peak live heap x${growth.toFixed(2)} for 4x stream length`
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
          chunks: nChunks,
          streamChunks: { oneNetworkChunkEach: nChunks, batched16KiB: nGroups16, batched64KiB: nGroups64 },
          rounds,
          quick,
          eventCounts: counts,
          medianCpuMs: Object.fromEntries(contenders.map((c) => [c.name, ms(c.key)])),
          ratios: {
            stageVsEventsourceParser: stageVsBase,
            stageBatched16KiBVsEventsourceParser: stage16VsBase,
            stageBatched64KiBVsEventsourceParser: stage64VsBase,
            streamFloorVsEventsourceParser: floorVsBase,
            stageVsStreamFloor: stageVsFloor,
            stageVsEffectSse: stageVsEffect,
            stageOwnWorkVsEventsourceParser: stageOwn,
            pushVsEventsourceParser: pushVsBase
          },
          plumbingShareOfEventsourceParser: floorShare,
          plumbingBatched16KiBShareOfEventsourceParser: floor16Share,
          schemaDecodeEventsPerSec: decodeEventsPerSec,
          memory: { ...Object.fromEntries(mem.map((m, i) => [i === 0 ? "n" : "4n", m])), peakLiveGrowth: growth },
          perRound
        }
      },
      null,
      2
    )
  )
}
process.exit(0)

// Contenders for the reference harness's sse-parse bench (shared/bench/sse-parse, whose ratios the
// transcripts issue's bar is stated in). Build this package first, copy the harness to a scratch
// folder, `npm ci` there, then:
//
//   node sse-parse/bench.mjs --contender /path/to/packages/transcripts/bench/reference-adapter.mjs
//
// Every contender runs on this package's own `effect` (resolved from here), so the Stream and the
// stage share one copy of it. As the harness asks of an Effect SDK, the Stream has one chunk per
// network chunk.
//   ape-sse-stream     a Stream of the chunks → Sse.decode() → events, runForEachChunk (the stage)
//   ape-sse-push       Sse.makeParser(onEvent).feed(bytes), called directly
//   ape-stream-floor   no stage: the same Stream and sink, the push parser called inside the sink:
//                      the least any parser fed from that Stream can cost (its best possible ratio)
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Sse from "../dist/Sse.js"

/** One Stream chunk per network chunk, as the harness's Effect contenders build it. */
const streamOf = (chunks) =>
  Stream.unfoldChunk(0, (i) => (i < chunks.length ? Option.some([Chunk.of(chunks[i]), i + 1]) : Option.none()))

/** Our push parser, calling the harness's `onEvent(event, id, data)`. */
const parserFor = (onEvent) => Sse.makeParser((e) => onEvent(e.event, e.id, e.data))

const feedAll = (parser, bytes) => {
  const error = parser.feed(bytes)
  if (error) throw error
}

export default [
  {
    name: "ape-sse-stream",
    description: "Stream (1 net/chunk) → Sse.decode() → runForEachChunk",
    async create() {
      return {
        parse: (chunks, onEvent) =>
          Effect.runPromise(
            Stream.runForEachChunk(
              streamOf(chunks).pipe(Sse.decode()),
              (c) => Effect.sync(() => Chunk.forEach(c, (e) => onEvent(e.event, e.id, e.data)))
            )
          )
      }
    }
  },
  {
    name: "ape-sse-push",
    description: "Sse.makeParser, called directly",
    async create() {
      return {
        parse(chunks, onEvent) {
          const parser = parserFor(onEvent)
          for (const c of chunks) feedAll(parser, c)
        }
      }
    }
  },
  {
    name: "ape-stream-floor",
    description: "the same Stream and sink, no stage: the push parser inside the sink",
    async create() {
      return {
        parse(chunks, onEvent) {
          const parser = parserFor(onEvent)
          return Effect.runPromise(
            Stream.runForEachChunk(
              streamOf(chunks),
              (c) => Effect.sync(() => Chunk.forEach(c, (b) => feedAll(parser, b)))
            )
          )
        }
      }
    }
  }
]

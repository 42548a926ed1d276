import { Sse } from "@agentphone-effect/transcripts"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import * as fc from "fast-check"

const encoder = new TextEncoder()

interface Parsed {
  readonly events: ReadonlyArray<Sse.Event>
  readonly lastEventId: string | undefined
  readonly retry: number | undefined
}

/** Parse byte chunks with the push parser. */
const parseBytes = (chunks: ReadonlyArray<Uint8Array>, options?: Sse.Options): Parsed => {
  const events: Array<Sse.Event> = []
  const parser = Sse.makeParser((e) => events.push(e), options)
  for (const c of chunks) {
    const error = parser.feed(c)
    if (error) throw error
  }
  return { events, lastEventId: parser.lastEventId(), retry: parser.retry() }
}

const parseText = (text: string, cuts: ReadonlyArray<number> = []): Parsed =>
  parseBytes(split(encoder.encode(text), cuts))

/** Split bytes at the given offsets (any order, duplicates and out-of-range ignored). */
const split = (bytes: Uint8Array, cuts: ReadonlyArray<number>): Array<Uint8Array> => {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b)
  const out: Array<Uint8Array> = []
  let prev = 0
  for (const p of points) {
    out.push(bytes.subarray(prev, p))
    prev = p
  }
  out.push(bytes.subarray(prev))
  return out
}

/** Every split of `text` into two byte chunks, plus one chunk per byte. */
const allSplits = (text: string): Array<Array<Uint8Array>> => {
  const bytes = encoder.encode(text)
  const out: Array<Array<Uint8Array>> = [[bytes]]
  for (let i = 1; i < bytes.length; i++) out.push(split(bytes, [i]))
  out.push(Array.from(bytes, (b) => Uint8Array.of(b)))
  return out
}

/**
 * A literal reading of the WHATWG "event stream interpretation" algorithm, on the whole text at
 * once (data buffer with a trailing LF, lines split by a regex): the oracle for the property test.
 */
const oracle = (input: string): Parsed => {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const events: Array<Sse.Event> = []
  let data = ""
  let type = ""
  let lastId = ""
  let committed = ""
  let retry: number | undefined
  const process = (field: string, value: string) => {
    if (field === "event") type = value
    else if (field === "data") data += value + "\n"
    else if (field === "id") {
      if (!value.includes("\0")) lastId = value
    } else if (field === "retry") {
      if (/^[0-9]+$/.test(value)) retry = parseInt(value, 10)
    }
  }
  const re = /\r\n|\r|\n/g
  let pos = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    const line = text.slice(pos, m.index)
    pos = m.index + m[0].length
    if (line === "") {
      committed = lastId
      if (data === "") {
        type = ""
        continue
      }
      if (data.endsWith("\n")) data = data.slice(0, -1)
      events.push({ event: type === "" ? "message" : type, id: lastId === "" ? undefined : lastId, data })
      data = ""
      type = ""
    } else if (line.startsWith(":")) {
      continue
    } else if (line.includes(":")) {
      const i = line.indexOf(":")
      let value = line.slice(i + 1)
      if (value.startsWith(" ")) value = value.slice(1)
      process(line.slice(0, i), value)
    } else {
      process(line, "")
    }
  }
  return { events, lastEventId: committed === "" ? undefined : committed, retry }
}

/** ~100 KB of events with 2-, 3- and 4-byte characters and CRLF line ends at every offset mod 16 KiB. */
const largeText = (): string => {
  const parts: Array<string> = []
  for (let n = 0; n < 1400; n++) {
    const pad = "x".repeat(n % 37)
    parts.push(`event: turn\r\nid: ${n}\r\ndata: ${pad}é—😀ñ${n}\r\ndata: ${"😀".repeat(n % 5)}\r\n\r\n`)
  }
  return parts.join("") + ": end\n"
}

const fragments = [
  "data",
  "data:",
  "data: ",
  "event:",
  "event: turn",
  "event: tur",
  "event: turns",
  "id:",
  "id: 7",
  "id: ",
  "retry:",
  "retry: 1500",
  ":",
  ": heartbeat",
  " ",
  "x",
  "42",
  "é",
  "😀",
  "—",
  "\0",
  "\uFEFF",
  "\r",
  "\n",
  "\r\n",
  "\n\n",
  "\r\n\r\n",
  "\r\r"
]
const sseText = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...fragments), { maxLength: 80 })).map(
  ([bom, parts]) => (bom ? "\uFEFF" : "") + parts.join("")
)
const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 30 })

describe("Sse parser", () => {
  it.prop("any chunking of the same bytes gives the oracle's events", [sseText, cuts], ([text, at]) => {
    const whole = parseText(text)
    assert.deepStrictEqual(whole, oracle(text))
    assert.deepStrictEqual(parseText(text, at), whole)
  }, { fastCheck: { numRuns: 500 } })

  it.prop("one byte at a time equals one chunk", [sseText], ([text]) => {
    const bytes = encoder.encode(text)
    assert.deepStrictEqual(parseBytes(Array.from(bytes, (b) => Uint8Array.of(b))), parseBytes([bytes]))
  }, { fastCheck: { numRuns: 200 } })

  it("LF, CRLF and CR line ends give the same events, however split", () => {
    const expected = [{ event: "turn", id: "1", data: "a\nb" }, { event: "message", id: "1", data: "c" }]
    for (const eol of ["\n", "\r\n", "\r"]) {
      const text = ["event: turn", "id: 1", "data: a", "data: b", "", "data: c", "", ""].join(eol)
      for (const chunks of allSplits(text)) assert.deepStrictEqual(parseBytes(chunks).events, expected)
    }
  })

  it("CRLF split across chunks is one line end, not two", () => {
    const { events } = parseBytes([
      encoder.encode("data: a\r"),
      encoder.encode("\ndata: b\r"),
      encoder.encode("\n\r\n")
    ])
    assert.deepStrictEqual(events, [{ event: "message", id: undefined, data: "a\nb" }])
  })

  it("dispatches an event ending in CR CR at once (no look-ahead)", () => {
    assert.deepStrictEqual(parseText("data: last\r\r").events, [{ event: "message", id: undefined, data: "last" }])
  })

  it("multi-line data, empty data lines, a data line without a value", () => {
    assert.deepStrictEqual(parseText("data: a\ndata:\ndata\ndata: b\n\n").events.map((e) => e.data), ["a\n\n\nb"])
    assert.deepStrictEqual(parseText("data\n\n").events.map((e) => e.data), [""])
  })

  it("strips exactly one space after the colon", () => {
    assert.deepStrictEqual(parseText("data:x\n\ndata:  two\n\n").events.map((e) => e.data), ["x", " two"])
  })

  it("event type: last one wins, empty means message, reset after dispatch", () => {
    const { events } = parseText("event: a\nevent: b\ndata: 1\n\nevent:\ndata: 2\n\ndata: 3\n\n")
    assert.deepStrictEqual(events.map((e) => e.event), ["b", "message", "message"])
  })

  it("a block without data dispatches nothing and resets the event type", () => {
    assert.deepStrictEqual(parseText("event: x\n\ndata: 1\n\n").events, [{
      event: "message",
      id: undefined,
      data: "1"
    }])
  })

  it("the last event id persists, is set by a data-less block, reset by an empty id, NUL ignored", () => {
    const { events, lastEventId } = parseText(
      "id: 7\n\ndata: a\n\nid: 8\ndata: b\n\ndata: c\n\nid: bad\0id\ndata: d\n\nid\ndata: e\n\nid: 9\n\n"
    )
    assert.deepStrictEqual(events.map((e) => [e.data, e.id]), [["a", "7"], ["b", "8"], ["c", "8"], ["d", "8"], [
      "e",
      undefined
    ]])
    assert.strictEqual(lastEventId, "9")
    // an id in a block cut off by the end of the stream is not the last event id yet
    assert.strictEqual(parseText("id: 1\ndata: a\n\nid: 2\ndata: b\n").lastEventId, "1")
  })

  it("starts from a given last event id", () => {
    const events: Array<Sse.Event> = []
    const parser = Sse.makeParser((e) => events.push(e), { lastEventId: "41" })
    parser.feedText("data: x\n\n")
    assert.deepStrictEqual(events, [{ event: "message", id: "41", data: "x" }])
    assert.strictEqual(parser.lastEventId(), "41")
  })

  it("retry: only ASCII digits count", () => {
    assert.strictEqual(parseText("retry: 2500\n\n").retry, 2500)
    assert.strictEqual(parseText("retry: 2500\nretry: 1e3\nretry: -1\nretry:\n\n").retry, 2500)
    assert.strictEqual(parseText("retry: 10x\n").retry, undefined)
  })

  it("comments and unknown fields are ignored", () => {
    assert.deepStrictEqual(
      parseText(": heartbeat\n\n:\nfoo: bar\nDATA: no\ndata: yes\n\n").events.map((e) => e.data),
      ["yes"]
    )
  })

  it("strips one leading BOM (even split across chunks), and only one", () => {
    for (const chunks of allSplits("\uFEFFdata: a\n\n")) {
      assert.deepStrictEqual(parseBytes(chunks).events.map((e) => e.data), ["a"])
    }
    // a second BOM makes the field name "\uFEFFdata", which is unknown
    assert.deepStrictEqual(parseText("\uFEFF\uFEFFdata: a\n\n").events, [])
    // a BOM later in the stream is data
    assert.deepStrictEqual(parseText("data: \uFEFFa\n\n").events.map((e) => e.data), ["\uFEFFa"])
    const events: Array<Sse.Event> = []
    Sse.makeParser((e) => events.push(e)).feedText("\uFEFFdata: t\n\n")
    assert.deepStrictEqual(events.map((e) => e.data), ["t"])
  })

  it("UTF-8 characters split across chunks are joined", () => {
    const text = "data: é—😀ñ\n\n"
    for (const chunks of allSplits(text)) {
      assert.deepStrictEqual(parseBytes(chunks).events.map((e) => e.data), ["é—😀ñ"])
    }
  })

  it("a buffer larger than the decoder's slice gives the same events, whatever its characters straddle", () => {
    // the parser decodes a large buffer in 16 KiB slices: put 2-, 3- and 4-byte characters and CRLF
    // across every slice boundary of a ~100 KB body
    const text = largeText()
    const bytes = encoder.encode(text)
    const expected = oracle(text)
    assert.strictEqual(expected.events.length, 1400)
    // whole; whole after a small lead chunk (moves every slice boundary); and shifted by 1..3 bytes
    for (const lead of [0, 1, 2, 3, 5, 4097]) {
      const chunks = lead === 0 ? [bytes] : [bytes.subarray(0, lead), bytes.subarray(lead)]
      assert.deepStrictEqual(parseBytes(chunks), expected, `lead ${lead}`)
    }
  })

  it("discards an unterminated final event at end of stream", () => {
    assert.deepStrictEqual(parseText("data: a\n\ndata: b\n").events.map((e) => e.data), ["a"])
    assert.deepStrictEqual(parseText("data: a\n\ndata: b").events.map((e) => e.data), ["a"])
  })

  it("fails typed when a line or an event grows over maxEventSize", () => {
    const fails = (chunks: ReadonlyArray<string>, max: number) => {
      const parser = Sse.makeParser(() => {}, { maxEventSize: max })
      for (const c of chunks) {
        const error = parser.feed(encoder.encode(c))
        if (error) return error
      }
      return undefined
    }
    // one long line in one chunk
    assert.strictEqual(fails([`data: ${"x".repeat(50)}\n\n`], 20)?._tag, "EventTooLargeError")
    // a line growing over many chunks, never terminated
    const growing = fails(Array.from({ length: 10 }, () => "y".repeat(5)), 20)
    assert.strictEqual(growing?._tag, "EventTooLargeError")
    assert.strictEqual(growing?.maxEventSize, 20)
    // many short data lines adding up
    assert.strictEqual(
      fails([Array.from({ length: 10 }, () => "data: 12345\n").join("")], 20)?._tag,
      "EventTooLargeError"
    )
    // under the limit: fine
    assert.strictEqual(fails(["data: 12345\n\n".repeat(100)], 20), undefined)
    // every kind of line the parser has a fast path for (a lone data line dispatched at once,
    // event, id, and the generic field path), whole in one chunk or cut at any byte
    for (const field of ["data", "event", "id", "retry", "other"]) {
      const long = `${field}: ${"v".repeat(30)}\n\n`
      const short = `${field}: ${"v".repeat(10)}\n\n`
      for (const cut of [0, 3, 7, 20, long.length - 2, long.length - 1]) {
        const pieces = cut === 0 ? [long] : [long.slice(0, cut), long.slice(cut)]
        assert.strictEqual(fails(["data: ok\n\n", ...pieces], 20)?._tag, "EventTooLargeError", `${field} cut ${cut}`)
      }
      assert.strictEqual(fails([short.repeat(5)], 20), undefined, field)
    }
    assert.match(new Sse.EventTooLargeError({ maxEventSize: 1, size: 2 }).message, /maxEventSize/)
  })

  it("encode round-trips through the parser", () => {
    const text = Sse.encode({ event: "turn", id: "5", retry: 100, data: "a\nb" }) + Sse.encode({ data: "c" })
    const parsed = parseText(text)
    assert.deepStrictEqual(parsed.events, [{ event: "turn", id: "5", data: "a\nb" }, {
      event: "message",
      id: "5",
      data: "c"
    }])
    assert.strictEqual(parsed.retry, 100)
  })
})

describe("Sse stream stage", () => {
  const bytes = (...parts: Array<string>) => Stream.fromIterable(parts.map((p) => encoder.encode(p)))

  it.effect("decodes a byte stream into events, chunk by chunk", () =>
    Effect.gen(function*() {
      const events = yield* bytes("event: turn\nid: 1\nda", "ta: {\"a\":1}\n", "\n: hb\n\ndata: 2\n\n", "data: 3").pipe(
        Stream.rechunk(1),
        Sse.decode(),
        Stream.runCollect
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(events), [
        { event: "turn", id: "1", data: "{\"a\":1}" },
        { event: "message", id: "1", data: "2" }
      ])
    }))

  it.effect("passes upstream errors through", () =>
    Effect.gen(function*() {
      const error = yield* bytes("data: 1\n\n").pipe(
        Stream.concat(Stream.fail("boom" as const)),
        Sse.decode(),
        Stream.runDrain,
        Effect.flip
      )
      assert.strictEqual(error, "boom")
    }))

  it.effect("fails with EventTooLargeError for an oversized event", () =>
    Effect.gen(function*() {
      const error = yield* bytes("data: ok\n\n", `data: ${"z".repeat(100)}`).pipe(
        Sse.decode({ maxEventSize: 64 }),
        Stream.runDrain,
        Effect.flip
      )
      assert.strictEqual(error._tag, "EventTooLargeError")
    }))

  it.effect.prop(
    "the Channel stage is chunking-invariant too",
    [sseText, cuts],
    ([text, at]) =>
      Effect.gen(function*() {
        const chunks = split(encoder.encode(text), at)
        const events = yield* Stream.fromIterable(chunks).pipe(Stream.rechunk(1), Sse.decode(), Stream.runCollect)
        assert.deepStrictEqual(Chunk.toReadonlyArray(events), oracle(text).events)
      }),
    { fastCheck: { numRuns: 25 }, timeout: 60_000 }
  )

  it.effect("parses a large read 16 KiB at a time, with the same events", () =>
    Effect.gen(function*() {
      const text = largeText()
      const bytes = encoder.encode(text)
      const expected = oracle(text).events
      // one read of one ~100 KB array; one read of many arrays of 1..5000 bytes
      const pieces: Array<Uint8Array> = []
      for (let i = 0, n = 1; i < bytes.length; i += n, n = (n * 7919) % 5000 + 1) pieces.push(bytes.subarray(i, i + n))
      for (const read of [Chunk.of(bytes), Chunk.unsafeFromArray(pieces)]) {
        const out = yield* Stream.fromChunk(read).pipe(Sse.decode(), Stream.chunks, Stream.runCollect)
        assert.deepStrictEqual(Chunk.toReadonlyArray(out).flatMap((c) => Chunk.toReadonlyArray(c)), expected)
        // emitted as it goes: one output chunk per 16 KiB, not one at the end
        assert.isAtLeast(Chunk.size(out), Math.floor(bytes.length / (16 * 1024)))
      }
    }))

  it.effect.prop(
    "any grouping of network chunks into Stream chunks gives the same events",
    [sseText, cuts, cuts],
    ([text, at, groupAt]) =>
      Effect.gen(function*() {
        const chunks = split(encoder.encode(text), at)
        // group the network chunks (each stays its own Uint8Array) into Stream chunks
        const points = [...new Set(groupAt.map((g) => g % (chunks.length + 1)))].sort((a, b) => a - b)
        const groups: Array<Chunk.Chunk<Uint8Array>> = []
        let prev = 0
        for (const p of [...points, chunks.length]) {
          if (p > prev) groups.push(Chunk.unsafeFromArray(chunks.slice(prev, p)))
          prev = Math.max(prev, p)
        }
        assert.strictEqual(groups.reduce((n, g) => n + Chunk.size(g), 0), chunks.length)
        const events = yield* Stream.fromChunks(...groups).pipe(Sse.decode(), Stream.runCollect)
        assert.deepStrictEqual(Chunk.toReadonlyArray(events), oracle(text).events)
      }),
    { fastCheck: { numRuns: 50 }, timeout: 60_000 }
  )
})

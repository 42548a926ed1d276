/**
 * A small, fast Server-Sent Events parser that follows the WHATWG rules exactly
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * CRLF, LF and CR line ends (also split across chunks), multi-line `data`, `event`, `id`
 * (persisting across events, ignored when it contains NUL), `retry`, comments, one leading BOM,
 * UTF-8 split across chunks, and an unterminated final event discarded at end of stream.
 *
 * Memory is bounded: a line or an event's data longer than `maxEventSize` characters fails with
 * `EventTooLargeError` instead of buffering without limit.
 *
 * Use `Sse.decode()` on a byte `Stream`, `Sse.makeChannel()` as a Channel stage, or `Sse.makeParser`
 * directly (push-based, no Effect overhead).
 *
 * @since 0.1.0
 */
import * as Channel from "effect/Channel"
import * as Chunk from "effect/Chunk"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { continueBounded, isLarge } from "./internal/byteChunks.js"
import { unsafeChunkFromArray } from "./internal/chunk.js"

/**
 * One dispatched event.
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 *
 * const event: Sse.Event = { event: "turn", id: "7", data: "{\"role\":\"agent\"}" }
 * ```
 *
 * @since 0.1.0
 */
export interface Event {
  /** The event type: the last `event:` value of the block, or `"message"` when absent or empty. */
  readonly event: string
  /**
   * The stream's last event ID when the event was dispatched (it persists across events, as in
   * `MessageEvent.lastEventId`); `undefined` while it is empty.
   */
  readonly id: string | undefined
  /** The `data:` lines joined with `"\n"`. */
  readonly data: string
}

/**
 * An SSE line or event exceeded the parser's `maxEventSize`; the stream is failed rather than
 * buffered without bound.
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 * import { Effect, Stream } from "effect"
 *
 * const events = Stream.make(new TextEncoder().encode("data: " + "x".repeat(100) + "\n\n")).pipe(
 *   Sse.decode({ maxEventSize: 10 }),
 *   Stream.runCollect,
 *   Effect.catchTag("EventTooLargeError", (e) => Effect.log(e.message))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class EventTooLargeError extends Schema.TaggedError<EventTooLargeError>()("EventTooLargeError", {
  /** The configured limit, in characters. */
  maxEventSize: Schema.Number,
  /** How large the line or event had grown when it was refused, in characters. */
  size: Schema.Number
}) {
  override get message(): string {
    return `An SSE event grew to ${this.size} characters, over the limit of ${this.maxEventSize}. ` +
      `Raise maxEventSize if the server legitimately sends events this large.`
  }
}

/**
 * Options of the parser.
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 *
 * const options: Sse.Options = { maxEventSize: 64 * 1024, lastEventId: "41" }
 * const parser = Sse.makeParser((event) => void event.data, options)
 * ```
 *
 * @since 0.1.0
 */
export interface Options {
  /**
   * The longest line, and the longest event data, in characters (UTF-16 code units) the parser
   * will buffer. Default 4 MiB (`4 * 1024 * 1024`).
   */
  readonly maxEventSize?: number | undefined
  /**
   * The last event ID to start from (a reconnecting client's `Last-Event-ID`): events carry it
   * until the stream sets another.
   */
  readonly lastEventId?: string | undefined
}

/**
 * The default `maxEventSize`: 4 MiB.
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 *
 * const options: Sse.Options = { maxEventSize: 2 * Sse.defaultMaxEventSize }
 * ```
 *
 * @since 0.1.0
 */
export const defaultMaxEventSize = 4 * 1024 * 1024

/**
 * A push parser. `feed` returns `undefined`, or the `EventTooLargeError` that stopped it (after
 * which every call returns that error).
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 *
 * const parser: Sse.Parser = Sse.makeParser(() => {})
 * const error = parser.feed(new TextEncoder().encode("id: 9\nretry: 1500\ndata: x\n\n"))
 * if (error === undefined) {
 *   const resumeFrom = parser.lastEventId() // "9"
 *   const retryMillis = parser.retry() // 1500
 * }
 * ```
 *
 * @since 0.1.0
 */
export interface Parser {
  /** Feed raw bytes (UTF-8; split characters are joined across calls). */
  readonly feed: (bytes: Uint8Array) => EventTooLargeError | undefined
  /** Feed already-decoded text. Do not mix with `feed` on one parser. */
  readonly feedText: (text: string) => EventTooLargeError | undefined
  /**
   * The last event ID as of the last complete block (`undefined` while empty): what `Last-Event-ID`
   * should carry. An `id:` of a block cut off by the end of the stream does not count.
   */
  readonly lastEventId: () => string | undefined
  /** The last valid `retry:` value in milliseconds, if the stream sent one. */
  readonly retry: () => number | undefined
}

const LF = 10
const COLON = 58
const SPACE = 32
const streamOption = { stream: true } as const
// a large buffer is decoded in slices of this many bytes: event data sliced out of a decoded
// string keeps all of it alive, and a string decoded from 256 KB slowed the parse down ~4x
const maxDecodeBytes = 16 * 1024

/**
 * A dispatched event. A class, not an object literal: objects made by `new` carry no V8 allocation
 * site, so they are never pretenured (see `internal/chunk.ts` for why that matters here).
 */
class SseEvent implements Event {
  constructor(readonly event: string, readonly id: string | undefined, readonly data: string) {}
}

/**
 * The push parser's state and code. A class, not closures over `makeParser`'s locals: the
 * optimized code of a closure is tied to the closure's context, so every new parser (each call,
 * each reconnect) starts cold again, and a full GC that collects an earlier parser deoptimizes it
 * ("weak objects"); measured with a forced GC before each parse (as the reference harness does),
 * a fresh closure-based parser ran ~1.6x slower than a reused one. Methods on a prototype keep
 * one optimized copy for every instance.
 */
class PushParser {
  decoder: TextDecoder | undefined = undefined
  failure: EventTooLargeError | undefined = undefined
  atStart = true
  /** The unterminated tail of the input seen so far. */
  pending = ""
  /** The previous chunk ended with CR: a leading LF of the next one belongs to that line end. */
  skipLF = false
  hasData = false
  data = ""
  eventType = ""
  /** The last event type sliced out of the input, reused when the next block repeats it. */
  lastType = ""
  lastEventId: string
  /** The event source's "last event ID string": the buffer as of the last blank line. */
  committedId: string
  retry: number | undefined = undefined
  readonly maxEventSize: number

  constructor(readonly onEvent: (event: Event) => void, options: Options | undefined) {
    this.maxEventSize = options?.maxEventSize ?? defaultMaxEventSize
    this.lastEventId = options?.lastEventId ?? ""
    this.committedId = this.lastEventId
  }

  tooLarge(size: number): EventTooLargeError {
    return (this.failure = new EventTooLargeError({ maxEventSize: this.maxEventSize, size }))
  }

  dispatch(): void {
    this.committedId = this.lastEventId
    if (this.hasData) {
      const event = new SseEvent(
        this.eventType === "" ? "message" : this.eventType,
        this.lastEventId === "" ? undefined : this.lastEventId,
        this.data
      )
      this.hasData = false
      this.data = ""
      this.eventType = ""
      this.onEvent(event)
    } else {
      this.eventType = ""
    }
  }

  field(name: string, value: string): void {
    switch (name) {
      case "data":
        if (this.hasData) this.data += "\n" + value
        else {
          this.data = value
          this.hasData = true
        }
        if (this.data.length > this.maxEventSize) this.tooLarge(this.data.length)
        return
      case "event":
        this.eventType = value
        return
      case "id":
        if (value.indexOf("\0") === -1) this.lastEventId = value
        return
      case "retry": {
        if (value.length === 0) return
        for (let i = 0; i < value.length; i++) {
          const c = value.charCodeAt(i)
          if (c < 48 || c > 57) return
        }
        this.retry = Number.parseInt(value, 10)
        return
      }
    }
  }

  /** One complete line: text[start, end). */
  line(text: string, start: number, end: number): void {
    if (start === end) return this.dispatch()
    if (end - start > this.maxEventSize) return void this.tooLarge(end - start)
    const first = text.charCodeAt(start)
    if (first === COLON) return
    // fast path: "data:"
    if (
      first === 100 && end - start >= 5 && text.charCodeAt(start + 4) === COLON && text.charCodeAt(start + 1) === 97 &&
      text.charCodeAt(start + 2) === 116 && text.charCodeAt(start + 3) === 97
    ) {
      let v = start + 5
      if (v < end && text.charCodeAt(v) === SPACE) v++
      return this.field("data", text.slice(v, end))
    }
    // fast path: "event:"
    if (
      first === 101 && end - start >= 6 && text.charCodeAt(start + 5) === COLON && text.charCodeAt(start + 1) === 118 &&
      text.charCodeAt(start + 2) === 101 && text.charCodeAt(start + 3) === 110 && text.charCodeAt(start + 4) === 116
    ) {
      let v = start + 6
      if (v < end && text.charCodeAt(v) === SPACE) v++
      this.eventType = text.slice(v, end)
      return
    }
    // fast path: "id:"
    if (
      first === 105 && text.charCodeAt(start + 1) === 100 && text.charCodeAt(start + 2) === COLON && end - start >= 3
    ) {
      let v = start + 3
      if (v < end && text.charCodeAt(v) === SPACE) v++
      const value = text.slice(v, end)
      if (value.indexOf("\0") === -1) this.lastEventId = value
      return
    }
    let colon = text.indexOf(":", start)
    if (colon === -1 || colon > end) colon = end
    let v = colon + 1
    if (v < end && text.charCodeAt(v) === SPACE) v++
    this.field(text.slice(start, colon), v >= end ? "" : text.slice(v, end))
  }

  feedText(input: string): EventTooLargeError | undefined {
    if (this.failure !== undefined) return this.failure
    let text = input
    const len = text.length
    if (len === 0) return undefined
    if (this.atStart) {
      this.atStart = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    const maxEventSize = this.maxEventSize
    let pos = 0
    if (this.skipLF) {
      this.skipLF = false
      if (text.charCodeAt(0) === LF) pos = 1
    }
    let cr = text.indexOf("\r", pos)
    if (cr === -1) {
      // fast path for the usual LF-only chunk
      let lf = text.indexOf("\n", pos)
      if (lf !== -1 && this.pending.length > 0) {
        const whole = this.pending + text.slice(pos, lf)
        this.pending = ""
        this.line(whole, 0, whole.length)
        if (this.failure !== undefined) return this.failure
        pos = lf + 1
        lf = text.indexOf("\n", pos)
      }
      while (lf !== -1) {
        if (
          !this.hasData && lf - pos >= 5 && text.charCodeAt(lf + 1) === LF && text.charCodeAt(pos) === 100 &&
          text.charCodeAt(pos + 4) === COLON && text.charCodeAt(pos + 1) === 97 && text.charCodeAt(pos + 2) === 116 &&
          text.charCodeAt(pos + 3) === 97
        ) {
          // a single "data:" line followed by a blank line: dispatch it directly
          if (lf - pos > maxEventSize) return this.tooLarge(lf - pos)
          let v = pos + 5
          if (v < lf && text.charCodeAt(v) === SPACE) v++
          const lastEventId = this.lastEventId
          this.committedId = lastEventId
          const event = new SseEvent(
            this.eventType === "" ? "message" : this.eventType,
            lastEventId === "" ? undefined : lastEventId,
            text.slice(v, lf)
          )
          this.eventType = ""
          this.onEvent(event)
          pos = lf + 2
        } else if (
          lf - pos >= 6 && text.charCodeAt(pos) === 101 && text.charCodeAt(pos + 5) === COLON &&
          text.charCodeAt(pos + 1) === 118 && text.charCodeAt(pos + 2) === 101 && text.charCodeAt(pos + 3) === 110 &&
          text.charCodeAt(pos + 4) === 116 && lf - pos <= maxEventSize
        ) {
          // "event:" (a repeat of the last type reuses its string)
          const v = text.charCodeAt(pos + 6) === SPACE ? pos + 7 : pos + 6
          const lastType = this.lastType
          this.eventType = v >= lf
            ? ""
            : lf - v === lastType.length && text.startsWith(lastType, v)
            ? lastType
            : (this.lastType = text.slice(v, lf))
          pos = lf + 1
        } else if (
          lf - pos >= 3 && text.charCodeAt(pos) === 105 && text.charCodeAt(pos + 1) === 100 &&
          text.charCodeAt(pos + 2) === COLON && lf - pos <= maxEventSize
        ) {
          // "id:"
          const v = text.charCodeAt(pos + 3) === SPACE ? pos + 4 : pos + 3
          const value = v >= lf ? "" : text.slice(v, lf)
          if (value.indexOf("\0") === -1) this.lastEventId = value
          pos = lf + 1
        } else {
          this.line(text, pos, lf)
          if (this.failure !== undefined) return this.failure
          pos = lf + 1
        }
        lf = text.indexOf("\n", pos)
      }
    } else {
      let lf = text.indexOf("\n", pos)
      while (lf !== -1 || cr !== -1) {
        let end: number
        let next: number
        if (cr === -1 || (lf !== -1 && lf < cr)) {
          end = lf
          next = lf + 1
          lf = text.indexOf("\n", next)
        } else {
          end = cr
          if (cr + 1 < text.length) {
            next = text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1
          } else {
            next = cr + 1
            this.skipLF = true
          }
          cr = text.indexOf("\r", next)
          if (lf !== -1 && lf < next) lf = text.indexOf("\n", next)
        }
        if (this.pending.length > 0) {
          const whole = this.pending + text.slice(pos, end)
          this.pending = ""
          this.line(whole, 0, whole.length)
        } else {
          this.line(text, pos, end)
        }
        if (this.failure !== undefined) return this.failure
        pos = next
      }
    }
    if (pos < text.length) {
      const pending = this.pending
      this.pending = pending.length > 0 ? pending + text.slice(pos) : text.slice(pos)
      if (this.pending.length > maxEventSize) return this.tooLarge(this.pending.length)
    }
    return undefined
  }

  feed(bytes: Uint8Array): EventTooLargeError | undefined {
    if (this.failure !== undefined) return this.failure
    let decoder = this.decoder
    if (decoder === undefined) {
      decoder = this.decoder = new TextDecoder() // strips one leading BOM itself
      this.atStart = false
    }
    const length = bytes.length
    if (length <= maxDecodeBytes) return this.feedText(decoder.decode(bytes, streamOption))
    for (let i = 0; i < length; i += maxDecodeBytes) {
      const error = this.feedText(decoder.decode(bytes.subarray(i, i + maxDecodeBytes), streamOption))
      if (error !== undefined) return error
    }
    return undefined
  }
}

/**
 * Make a push parser that calls `onEvent` for every dispatched event, in order.
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 *
 * const seen: Array<Sse.Event> = []
 * const parser = Sse.makeParser((event) => seen.push(event))
 * parser.feedText("event: turn\nid: 1\ndata: {\"role\":\"user\"}\n\n")
 * // seen: [{ event: "turn", id: "1", data: "{\"role\":\"user\"}" }]
 * ```
 *
 * @since 0.1.0
 */
export const makeParser = (onEvent: (event: Event) => void, options?: Options): Parser => {
  const parser = new PushParser(onEvent, options)
  return {
    feed: (bytes) => parser.feed(bytes),
    feedText: (text) => parser.feedText(text),
    lastEventId: () => parser.committedId === "" ? undefined : parser.committedId,
    retry: () => parser.retry
  }
}

/**
 * The parser as a Channel stage: chunks of bytes in, chunks of events out (one output chunk per
 * input chunk that completed at least one event; an input chunk of more than 16 KiB is parsed, and
 * its events emitted, 16 KiB at a time). Upstream errors pass through.
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 * import { Stream } from "effect"
 *
 * declare const body: Stream.Stream<Uint8Array>
 * const events = body.pipe(Stream.pipeThroughChannel(Sse.makeChannel()))
 * ```
 *
 * @since 0.1.0
 */
export const makeChannel = <IE = never>(
  options?: Options
): Channel.Channel<Chunk.Chunk<Event>, Chunk.Chunk<Uint8Array>, IE | EventTooLargeError, IE, void, unknown> =>
  Channel.suspend(() => {
    // one long-lived buffer; each output chunk gets a copy (`slice`, no allocation site)
    const out: Array<Event> = []
    const parser = makeParser((event) => void out.push(event), options)
    const loop: Channel.Channel<
      Chunk.Chunk<Event>,
      Chunk.Chunk<Uint8Array>,
      IE | EventTooLargeError,
      IE,
      void,
      unknown
    > = Channel.readWithCause({
      onInput: (input: Chunk.Chunk<Uint8Array>) => {
        // from the first read over 16 KiB on, reads are split to 16 KiB (see internal/byteChunks.ts)
        if (isLarge(input)) return continueBounded(input, loop)
        for (let i = 0; i < input.length; i++) {
          const bytes = Chunk.unsafeGet(input, i)
          const error = parser.feed(bytes)
          if (error !== undefined) return Channel.fail(error)
        }
        if (out.length === 0) return loop
        const events = unsafeChunkFromArray(out.slice())
        out.length = 0
        return Channel.zipRight(Channel.write(events), loop)
      },
      onFailure: Channel.failCause,
      onDone: () => Channel.void
    })
    return loop
  })

/**
 * Parse a byte stream into SSE events (see `makeChannel`).
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 * import { Stream } from "effect"
 *
 * const events = Stream.make(new TextEncoder().encode("event: ended\ndata: {}\n\n")).pipe(Sse.decode())
 * ```
 *
 * @since 0.1.0
 */
export const decode = (options?: Options) => <E, R>(self: Stream.Stream<Uint8Array, E, R>) =>
  Stream.pipeThroughChannel(self, makeChannel<E>(options))

/**
 * Encode one event as SSE text (what a server writes); multi-line data becomes several `data:`
 * lines. Useful for tests and local servers.
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 *
 * Sse.encode({ event: "turn", id: "7", data: "{\"role\":\"agent\"}" })
 * // "event: turn\nid: 7\ndata: {\"role\":\"agent\"}\n\n"
 * ```
 *
 * @since 0.1.0
 */
export const encode = (event: {
  readonly event?: string | undefined
  readonly id?: string | undefined
  readonly data: string
  readonly retry?: number | undefined
}): string => {
  let out = ""
  if (event.event !== undefined && event.event !== "message") out += `event: ${event.event}\n`
  if (event.id !== undefined) out += `id: ${event.id}\n`
  if (event.retry !== undefined) out += `retry: ${event.retry}\n`
  for (const line of event.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`
  return out + "\n"
}

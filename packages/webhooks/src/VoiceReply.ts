/**
 * Answers to voice turns (`VoiceMessage` events): the HTTP response is what the agent says.
 *
 * - `stream(texts)`: `application/x-ndjson`, one `{"text", "interim": true}` line per piece as it
 *   is produced (TTS starts on the first), then a final line without `interim` that closes the
 *   turn. Best for LLM tokens or anything slower than ~1 s. Interrupting the response (the caller
 *   hung up, the connection closed) interrupts the producer.
 * - `say`, `hangup`, `transfer`, `pressDigits`, `json`: one JSON object.
 *
 * Fields: `text`; `interim: true` (spoken at once, the turn stays open); `hangup: true`;
 * `action: "transfer" | "hangup"` (transfer = cold transfer to the agent's `transferNumber`);
 * `digits` (DTMF, e.g. `"1*#"`). Voice webhooks time out after 30 s by default: stream an interim
 * chunk before slow work.
 *
 * @since 0.1.0
 */
import * as Model from "@agentphone-effect/core/Model"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/**
 * One reply object (or one NDJSON line). Every field is optional.
 *
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 * import { Schema } from "effect"
 *
 * const line = Schema.encodeSync(Schema.parseJson(VoiceReply.VoiceChunk))({ text: "One moment.", interim: true })
 * // '{"text":"One moment.","interim":true}'
 * ```
 *
 * @since 0.1.0
 */
export const VoiceChunk = Schema.Struct({
  text: Model.optional(Schema.String),
  interim: Model.optional(Schema.Boolean),
  hangup: Model.optional(Schema.Boolean),
  action: Model.optional(Model.openEnum("transfer", "hangup")),
  digits: Model.optional(Schema.String)
})

/**
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 *
 * const interim: VoiceReply.VoiceChunk = { text: "Let me check that.", interim: true }
 * ```
 *
 * @since 0.1.0
 */
export type VoiceChunk = typeof VoiceChunk.Type

/**
 * The fields of a final reply (no `interim`).
 *
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 *
 * const goodbye: VoiceReply.Reply = { text: "Thanks for calling, goodbye!", hangup: true }
 * const response = VoiceReply.json(goodbye)
 * ```
 *
 * @since 0.1.0
 */
export type Reply = Omit<VoiceChunk, "interim">

/**
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 *
 * const isStreamed = (contentType: string) => contentType.startsWith(VoiceReply.ndjsonContentType)
 * ```
 *
 * @since 0.1.0
 */
export const ndjsonContentType = "application/x-ndjson"

const streamHeaders = { "cache-control": "no-cache", "x-accel-buffering": "no" }

const encoder = new TextEncoder()

// One write per chunk of replies, no write for an empty chunk (`Ndjson.pack` writes a blank line).
const encodeLines = (chunks: Chunk.Chunk<VoiceChunk>): Chunk.Chunk<Uint8Array> => {
  if (Chunk.isEmpty(chunks)) return Chunk.empty()
  let text = ""
  for (const chunk of chunks) text += JSON.stringify(chunk) + "\n"
  return Chunk.of(encoder.encode(text))
}

const clean = (chunk: VoiceChunk): VoiceChunk => {
  const out: { -readonly [K in keyof VoiceChunk]: VoiceChunk[K] } = {}
  if (chunk.text !== undefined) out.text = chunk.text
  if (chunk.interim === true) out.interim = true
  if (chunk.hangup !== undefined) out.hangup = chunk.hangup
  if (chunk.action !== undefined) out.action = chunk.action
  if (chunk.digits !== undefined) out.digits = chunk.digits
  return out
}

/**
 * A one-shot JSON reply.
 *
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 *
 * const response = VoiceReply.json({ text: "Goodbye!", hangup: true })
 * ```
 *
 * @since 0.1.0
 */
export const json = (reply: Reply): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(clean({ ...reply, interim: false }))

/**
 * Say one thing and wait for the caller.
 *
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 *
 * const response = VoiceReply.say("Your order shipped this morning!")
 * ```
 *
 * @since 0.1.0
 */
export const say = (text: string, extra?: Omit<Reply, "text">): HttpServerResponse.HttpServerResponse =>
  json({ ...extra, text })

/**
 * Say something (optional) and end the call.
 *
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 *
 * const response = VoiceReply.hangup("Thanks for calling, goodbye!")
 * ```
 *
 * @since 0.1.0
 */
export const hangup = (text?: string): HttpServerResponse.HttpServerResponse =>
  json(text === undefined ? { hangup: true } : { text, hangup: true })

/**
 * Say something (optional) and cold-transfer the caller to the agent's `transferNumber`.
 *
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 *
 * const response = VoiceReply.transfer("Let me connect you with our team.")
 * ```
 *
 * @since 0.1.0
 */
export const transfer = (text?: string): HttpServerResponse.HttpServerResponse =>
  json(text === undefined ? { action: "transfer" } : { text, action: "transfer" })

/**
 * Press DTMF digits (`0-9`, `*`, `#`), e.g. to navigate a phone menu.
 *
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 *
 * const response = VoiceReply.pressDigits("1*#")
 * ```
 *
 * @since 0.1.0
 */
export const pressDigits = (digits: string, text?: string): HttpServerResponse.HttpServerResponse =>
  json(text === undefined ? { digits } : { text, digits })

/**
 * Stream reply chunks as you build them, as NDJSON. You set `interim` yourself; the first chunk
 * without it closes the turn. A failing stream ends with `{"text":""}` (the turn closes, the error
 * is logged) instead of a broken connection.
 *
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 * import { Stream } from "effect"
 *
 * const response = VoiceReply.ndjson(Stream.make(
 *   { text: "One moment while I look that up.", interim: true },
 *   { text: "Found it: your table is booked for 7pm." }
 * ))
 * ```
 *
 * @since 0.1.0
 */
export const ndjson = <E, R>(
  chunks: Stream.Stream<VoiceChunk, E, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> =>
  Effect.map(Effect.context<R>(), (context) =>
    HttpServerResponse.stream(
      chunks.pipe(
        Stream.map(clean),
        Stream.catchAllCause((cause) =>
          Cause.isInterruptedOnly(cause) ?
            Stream.failCause(cause) :
            Stream.fromEffect(Effect.logError("voice reply stream failed; closing the turn", cause)).pipe(
              Stream.drain,
              Stream.concat(Stream.succeed<VoiceChunk>({ text: "" }))
            )
        ),
        Stream.mapChunks(encodeLines),
        Stream.provideContext(context)
      ),
      { contentType: ndjsonContentType, headers: streamHeaders }
    ))

/**
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 * import { Stream } from "effect"
 *
 * const options: VoiceReply.StreamOptions = {
 *   chunking: "sentence",
 *   final: { hangup: true },
 *   onError: { text: "Sorry, something went wrong.", hangup: true }
 * }
 * const reply = VoiceReply.stream(Stream.make("Your order ", "shipped today. ", "Goodbye!"), options)
 * ```
 *
 * @since 0.1.0
 */
export interface StreamOptions {
  /** The final chunk: default `{ text: "" }`; e.g. `{ hangup: true }` or `{ action: "transfer" }`. */
  readonly final?: Reply | undefined
  /** The final chunk when the text stream fails (default: `final`). The error is logged. */
  readonly onError?: Reply | undefined
  /**
   * `"piece"` (default): each piece is one interim chunk, spoken at once. `"sentence"`: pieces are
   * joined and sent a sentence at a time (smoother speech from token streams).
   */
  readonly chunking?: "piece" | "sentence" | undefined
}

const SENTENCE_END = /[.!?…。！？](?:["'”’)\]]*)(?:\s+|$)/g

/**
 * Split a buffer into complete sentences and the rest.
 *
 * @internal
 */
export const splitSentences = (buffer: string): readonly [ReadonlyArray<string>, string] => {
  const out: Array<string> = []
  let start = 0
  SENTENCE_END.lastIndex = 0
  for (let m = SENTENCE_END.exec(buffer); m !== null; m = SENTENCE_END.exec(buffer)) {
    // A terminator at the very end may be followed by more (e.g. "3." then "14"): wait for whitespace.
    if (m.index + m[0].length === buffer.length && !/\s$/.test(m[0])) break
    out.push(buffer.slice(start, m.index + m[0].length))
    start = m.index + m[0].length
  }
  return [out, buffer.slice(start)]
}

const bySentence = <E, R>(texts: Stream.Stream<string, E, R>): Stream.Stream<string, E, R> =>
  texts.pipe(
    Stream.map((piece) => ({ piece, end: false })),
    Stream.concat(Stream.succeed({ piece: "", end: true })),
    Stream.mapAccum("", (buffer, { end, piece }) => {
      if (end) return ["", buffer.length > 0 ? [buffer] : []] as const
      const [sentences, rest] = splitSentences(buffer + piece)
      return [rest, sentences] as const
    }),
    Stream.flattenIterables
  )

/**
 * Turn a `Stream` of text pieces (LLM tokens, sentences, ...) into a streaming NDJSON voice reply:
 * `{"text": piece, "interim": true}` per piece as soon as it is produced, then the final chunk.
 * The first chunk reaches AgentPhone while the producer still runs; when the response is
 * interrupted (the caller hung up), the producer is interrupted too.
 *
 * @example
 * ```ts
 * import { VoiceReply, WebhookEvent } from "@agentphone-effect/webhooks"
 * import { Effect, Stream } from "effect"
 *
 * declare const llm: (prompt: string) => Stream.Stream<string, Error>
 *
 * const answer = (event: WebhookEvent.VoiceMessage) =>
 *   VoiceReply.stream(
 *     Stream.concat(Stream.make("Let me check. "), llm(event.data.transcript)),
 *     { chunking: "sentence" }
 *   )
 * ```
 *
 * @since 0.1.0
 */
export const stream = <E, R>(
  texts: Stream.Stream<string, E, R>,
  options?: StreamOptions
): Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> => {
  const final: VoiceChunk = clean({ text: "", ...options?.final })
  const onError: VoiceChunk = options?.onError === undefined ? final : clean({ text: "", ...options.onError })
  const pieces = options?.chunking === "sentence" ? bySentence(texts) : texts
  return ndjson(
    pieces.pipe(
      Stream.filter((text) => text.length > 0),
      Stream.map((text): VoiceChunk => ({ text, interim: true })),
      Stream.concat(Stream.succeed(final)),
      Stream.catchAllCause((cause) =>
        Cause.isInterruptedOnly(cause) ?
          Stream.failCause(cause) :
          Stream.fromEffect(Effect.logError("voice reply text stream failed; closing the turn", cause)).pipe(
            Stream.drain,
            Stream.concat(Stream.succeed(onError))
          )
      )
    )
  )
}

/**
 * A call's live transcript as a resumable `Stream`.
 *
 * `stream(callId)` connects to `GET /v1/calls/{call_id}/transcript/stream` with the `AgentPhone`
 * service's base URL, API key and `HttpClient`, parses the Server-Sent Events, decodes each into a
 * `TranscriptEvent` and ends after the `ended` event. When the connection drops, closes before
 * `ended`, answers 5xx/408/transient 429, or stays silent (not even a heartbeat) for
 * `idleTimeout`, it reconnects with `Last-Event-ID` after a bounded exponential backoff. The server
 * replays the call's turns on every connect, so turns already delivered are skipped (by id, else by
 * their position in the replay): each turn is seen exactly once. Interrupting the stream closes the
 * connection at once.
 *
 * @since 0.1.0
 */
import { AgentPhone, AgentPhoneError, Endpoint } from "@agentphone-effect/core"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Cause from "effect/Cause"
import * as Channel from "effect/Channel"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { continueBounded, isLarge } from "./internal/byteChunks.js"
import { unsafeChunkFromArray } from "./internal/chunk.js"
import * as Sse from "./Sse.js"
import { TranscriptDisconnectedError, type TranscriptError } from "./TranscriptError.js"
import * as TranscriptEvent from "./TranscriptEvent.js"

/**
 * How the stream reconnects. The delay before attempt `n` (0-based, counted since the last
 * new event was delivered) is `baseDelay * 2^n` (±20% jitter), at least the server's
 * `retry:` hint or `Retry-After`, at most `maxDelay`.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 *
 * const reconnect: TranscriptStream.ReconnectOptions = { maxAttempts: 5, baseDelay: "1 second", maxDelay: "30 seconds" }
 * const events = TranscriptStream.stream("call_123", { reconnect })
 * ```
 *
 * @since 0.1.0
 */
export interface ReconnectOptions {
  /** Attempts in a row before failing with `TranscriptDisconnectedError`. Default 10. */
  readonly maxAttempts?: number | undefined
  /** Default 500 ms. `0` reconnects at once. */
  readonly baseDelay?: Duration.DurationInput | undefined
  /** Default 15 s. */
  readonly maxDelay?: Duration.DurationInput | undefined
  /** Scale each delay by a random factor in [0.8, 1.2]. Default true. */
  readonly jitter?: boolean | undefined
}

/**
 * Options of `stream`, `turns` and `followUntilEnded`.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 *
 * const options: TranscriptStream.Options = { idleTimeout: "1 minute", reconnect: false, maxEventSize: 1024 * 1024 }
 * const events = TranscriptStream.stream("call_123", options)
 * ```
 *
 * @since 0.1.0
 */
export interface Options {
  /**
   * Reconnect when nothing at all (no event, no heartbeat comment, no byte) arrives for this long,
   * including while waiting for the response. Default 45 s (the server sends a heartbeat every 15 s).
   */
  readonly idleTimeout?: Duration.DurationInput | undefined
  /** The reconnection policy, or `false` to fail on the first drop. */
  readonly reconnect?: ReconnectOptions | false | undefined
  /** The largest SSE line or event data, in characters. Default 4 MiB. */
  readonly maxEventSize?: number | undefined
  /** Resume from this event id (sent as `Last-Event-ID` on the first connection too). */
  readonly lastEventId?: string | undefined
}

/**
 * The default idle window: 45 s.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Duration } from "effect"
 *
 * const events = TranscriptStream.stream("call_123", { idleTimeout: Duration.times(TranscriptStream.defaultIdleTimeout, 2) })
 * ```
 *
 * @since 0.1.0
 */
export const defaultIdleTimeout: Duration.Duration = Duration.seconds(45)

/**
 * The default reconnection policy.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 *
 * const events = TranscriptStream.stream("call_123", {
 *   reconnect: { ...TranscriptStream.defaultReconnect, maxAttempts: 3 }
 * })
 * ```
 *
 * @since 0.1.0
 */
export const defaultReconnect: {
  readonly maxAttempts: number
  readonly baseDelay: Duration.DurationInput
  readonly maxDelay: Duration.DurationInput
  readonly jitter: boolean
} = {
  maxAttempts: 10,
  baseDelay: Duration.millis(500),
  maxDelay: Duration.seconds(15),
  jitter: true
}

/** A connection ended in a way that calls for a reconnect. */
class Dropped {
  readonly _tag = "Dropped"
  constructor(readonly reason: string, readonly retryAfterMillis?: number) {}
}

const describeHttpError = (error: HttpClientError.HttpClientError): string => {
  const cause = error.cause
  const detail = cause instanceof Error ? `: ${cause.message}` : ""
  return `${error.reason}${detail}`
}

/**
 * The request path of a call's transcript stream.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 *
 * TranscriptStream.streamPath("call_123") // "/v1/calls/call_123/transcript/stream"
 * ```
 *
 * @since 0.1.0
 */
export const streamPath = (callId: string): string => `/v1/calls/${encodeURIComponent(callId)}/transcript/stream`

const statusFailure = (
  target: { readonly endpoint: string; readonly method: string; readonly path: string },
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<never, Dropped | AgentPhoneError.AgentPhoneError> =>
  Effect.flatMap(
    Effect.zip(Effect.orElseSucceed(response.text, () => ""), Clock.currentTimeMillis),
    ([text, now]): Effect.Effect<never, Dropped | AgentPhoneError.AgentPhoneError> => {
      const status = response.status
      const info = AgentPhone.parseErrorBody(text)
      const fields = { ...target, status, detail: info.detail, code: info.code, body: info.body }
      const said = info.detail !== undefined ? `: ${info.detail}` : ""
      if (status === 429) {
        const retryAfterMillis = AgentPhone.parseRetryAfter(response.headers["retry-after"], now)
        const quota = info.code !== undefined && AgentPhoneError.quotaCodes.has(info.code)
        if (quota) {
          return Effect.fail(new AgentPhoneError.RateLimitedError({ ...fields, retryAfterMillis, quota }, true))
        }
        return Effect.fail(new Dropped(`the server answered 429${said}`, retryAfterMillis))
      }
      if (status === 408 || status >= 500) return Effect.fail(new Dropped(`the server answered ${status}${said}`))
      if (status === 401 || status === 403) return Effect.fail(new AgentPhoneError.UnauthorizedError(fields, true))
      if (status === 404) return Effect.fail(new AgentPhoneError.NotFoundError(fields, true))
      if (status === 409) return Effect.fail(new AgentPhoneError.ConflictError(fields, true))
      if (status === 422) return Effect.fail(new AgentPhoneError.ValidationError({ ...fields, issues: [] }, true))
      return Effect.fail(new AgentPhoneError.ApiError(fields, true))
    }
  )

/**
 * The transcript of a call as a resumable stream of events, ending after `ended`. See the module
 * documentation for the reconnection and exactly-once rules. `Connected` is emitted once (for the
 * first connection); `Unknown` events are logged at debug level and emitted, never fatal.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Layer, Stream } from "effect"
 *
 * const program = TranscriptStream.stream("call_123").pipe(
 *   Stream.runForEach((event) =>
 *     event._tag === "Turn" ? Effect.log(`${event.role}: ${event.content}`) : Effect.void
 *   )
 * )
 * program.pipe(Effect.provide(AgentPhone.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))))
 * ```
 *
 * @since 0.1.0
 */
export const stream = (
  callId: string,
  options?: Options
): Stream.Stream<TranscriptEvent.TranscriptEvent, TranscriptError, AgentPhone.AgentPhone> =>
  Stream.unwrap(Effect.map(AgentPhone.AgentPhone, (ap) => make(ap, callId, options))).pipe(
    Stream.withSpan("TranscriptStream.stream", { attributes: { callId } })
  )

/**
 * The transcript stream of a call, given the service (see `stream`).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect, Stream } from "effect"
 *
 * const events = Stream.unwrap(
 *   Effect.map(AgentPhone.AgentPhone, (ap) => TranscriptStream.make(ap, "call_123", { idleTimeout: "30 seconds" }))
 * )
 * ```
 *
 * @since 0.1.0
 */
export const make = (
  ap: AgentPhone.Service,
  callId: string,
  options?: Options
): Stream.Stream<TranscriptEvent.TranscriptEvent, TranscriptError> =>
  Stream.suspend(() => {
    const idle = Duration.decode(options?.idleTimeout ?? defaultIdleTimeout)
    const policy = options?.reconnect === false ? false : {
      maxAttempts: options?.reconnect?.maxAttempts ?? defaultReconnect.maxAttempts,
      baseDelay: Duration.toMillis(options?.reconnect?.baseDelay ?? defaultReconnect.baseDelay),
      maxDelay: Duration.toMillis(options?.reconnect?.maxDelay ?? defaultReconnect.maxDelay),
      jitter: options?.reconnect?.jitter ?? defaultReconnect.jitter
    }
    const maxEventSize = options?.maxEventSize
    const path = streamPath(callId)
    const target = { endpoint: "calls.streamCallTranscript", method: "GET", path }
    const state = {
      lastEventId: options?.lastEventId,
      retryHint: undefined as number | undefined,
      /** keys of delivered turns (and of unknown events with a fresh SSE id) */
      seen: new Set<string>(),
      /** turns without any id delivered so far: their replayed copies come first */
      unkeyed: 0,
      connections: 0,
      failures: 0,
      drop: undefined as Dropped | undefined,
      ended: false
    }

    const open = Effect.suspend(() => {
      const headers: Record<string, string> = { accept: "text/event-stream", "cache-control": "no-cache" }
      if (state.lastEventId !== undefined) headers["last-event-id"] = state.lastEventId
      return ap.httpClient.execute(HttpClientRequest.get(path, { headers }))
    }).pipe(
      Effect.mapError((error) => new Dropped(describeHttpError(error))),
      Effect.timeoutFail({
        duration: idle,
        onTimeout: () => new Dropped(`no response within ${Duration.format(idle)}`)
      }),
      Effect.flatMap((response) =>
        response.status >= 200 && response.status < 300
          ? Effect.succeed(
            Stream.mapError(response.stream, (error) => new Dropped(describeHttpError(error)))
          )
          : statusFailure(target, response)
      )
    )

    const connection = (): Stream.Stream<
      TranscriptEvent.TranscriptEvent,
      Sse.EventTooLargeError | AgentPhoneError.AgentPhoneError
    > =>
      Stream.suspend(() => {
        state.connections++
        const first = state.connections === 1
        let prevSseId: string | undefined
        let position = 0
        // one long-lived buffer; each output chunk gets a copy (see internal/chunk.ts)
        const out: Array<TranscriptEvent.TranscriptEvent> = []
        let unknowns: Array<TranscriptEvent.Unknown> = []

        const onEvent = (sse: Sse.Event) => {
          if (state.ended) return
          const fresh = sse.id !== undefined && sse.id !== prevSseId
          prevSseId = sse.id
          const event = TranscriptEvent.fromSse(sse)
          switch (event._tag) {
            case "Turn":
            case "StoredTurn": {
              const key = event.id !== undefined ? `id:${event.id}` : fresh ? `sse:${sse.id}` : undefined
              if (key !== undefined) {
                if (state.seen.has(key)) return
                state.seen.add(key)
              } else {
                if (position++ < state.unkeyed) return
                state.unkeyed++
              }
              out.push(event)
              return
            }
            case "Connected":
              if (first) out.push(event)
              return
            case "Ended":
              state.ended = true
              out.push(event)
              return
            case "Unknown": {
              if (fresh) {
                const key = `sse:${sse.id}`
                if (state.seen.has(key)) return
                state.seen.add(key)
              }
              unknowns.push(event)
              out.push(event)
              return
            }
          }
        }
        const parser = Sse.makeParser(onEvent, { maxEventSize, lastEventId: state.lastEventId })

        const flush = () => {
          const logs = unknowns
          unknowns = []
          const write = out.length === 0 ? Channel.void : Channel.write(unsafeChunkFromArray(out.slice()))
          out.length = 0
          if (logs.length === 0) return write
          return Channel.zipRight(
            Channel.fromEffect(Effect.forEach(logs, (u) =>
              Effect.logDebug(
                u.reason === "UnknownEvent"
                  ? `transcript stream: skipping unknown event type "${u.event}"`
                  : `transcript stream: undecodable turn: ${u.detail}`
              ).pipe(Effect.annotateLogs({ callId, event: u.event })), { discard: true })),
            write
          )
        }

        type In = Chunk.Chunk<Uint8Array>
        type InErr = Dropped | AgentPhoneError.AgentPhoneError
        type OutErr = Sse.EventTooLargeError | AgentPhoneError.AgentPhoneError
        const loop: Channel.Channel<Chunk.Chunk<TranscriptEvent.TranscriptEvent>, In, OutErr, InErr, void, unknown> =
          Channel.readWithCause({
            onInput: (input: In) => {
              // from the first read over 16 KiB on (a backlog), reads are split to 16 KiB (see
              // internal/byteChunks.ts)
              if (isLarge(input)) return continueBounded(input, loop)
              for (let i = 0; i < input.length; i++) {
                const bytes = Chunk.unsafeGet(input, i)
                const error = parser.feed(bytes)
                if (error !== undefined) return Channel.fail(error)
                if (state.ended) break
              }
              // Progress (a new event for the consumer) starts a fresh backoff; comments, heartbeats or a
              // replay of what was already delivered do not, so a server that drops before sending anything
              // new exhausts the budget instead of looping forever.
              if (out.length > 0) state.failures = 0
              state.lastEventId = parser.lastEventId()
              const retry = parser.retry()
              if (retry !== undefined) state.retryHint = retry
              return Channel.zipRight(flush(), state.ended ? Channel.void : loop)
            },
            onFailure: (cause) => {
              const failure = Cause.failureOption(cause)
              if (Option.isSome(failure) && failure.value instanceof Dropped && !Cause.isInterrupted(cause)) {
                state.drop = failure.value
                return Channel.void
              }
              return Channel.failCause(cause as Cause.Cause<AgentPhoneError.AgentPhoneError>)
            },
            onDone: () => {
              if (!state.ended) state.drop = new Dropped("the server closed the stream before the call ended")
              return Channel.void
            }
          })

        return Stream.unwrap(open).pipe(
          Stream.timeoutFailCause(
            () => Cause.fail(new Dropped(`nothing received for ${Duration.format(idle)}`)),
            idle
          ),
          Stream.pipeThroughChannel(loop)
        )
      })

    const next: Effect.Effect<
      Stream.Stream<TranscriptEvent.TranscriptEvent, Sse.EventTooLargeError | AgentPhoneError.AgentPhoneError>,
      Option.Option<TranscriptDisconnectedError>
    > = Effect.suspend(() => {
      if (state.ended) return Effect.fail(Option.none())
      if (state.connections === 0) return Effect.succeed(connection())
      const drop = state.drop ?? new Dropped("the connection ended")
      state.drop = undefined
      if (policy === false || state.failures >= policy.maxAttempts) {
        return Effect.fail(Option.some(
          new TranscriptDisconnectedError({
            callId,
            attempts: state.failures,
            reason: drop.reason,
            lastEventId: state.lastEventId
          })
        ))
      }
      const attempt = state.failures++
      return Effect.flatMap(
        policy.jitter ? Random.nextRange(0.8, 1.2) : Effect.succeed(1),
        (factor) => {
          const base = policy.baseDelay * Math.pow(2, attempt) * factor
          const floor = Math.max(state.retryHint ?? 0, drop.retryAfterMillis ?? 0)
          const millis = Math.round(Math.min(policy.maxDelay, Math.max(base, floor)))
          const log = Effect.logDebug(
            `transcript stream: reconnecting in ${millis} ms (attempt ${attempt + 1}) after: ${drop.reason}`
          ).pipe(Effect.annotateLogs({ callId }))
          return log.pipe(
            Effect.zipRight(millis > 0 ? Effect.sleep(Duration.millis(millis)) : Effect.void),
            Effect.as(connection())
          )
        }
      )
    })

    return Stream.flatten(Stream.repeatEffectOption(next))
  })

/**
 * Only the turns of a call's transcript stream (live and stored shapes), each once.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect, Stream } from "effect"
 *
 * const printed = TranscriptStream.turns("call_123").pipe(Stream.runForEach((turn) => Effect.log(turn)))
 * ```
 *
 * @since 0.1.0
 */
export const turns = (
  callId: string,
  options?: Options
): Stream.Stream<TranscriptEvent.AnyTurn, TranscriptError, AgentPhone.AgentPhone> =>
  Stream.filter(stream(callId, options), TranscriptEvent.isTurn)

/**
 * A call's whole transcript, collected from the stream once the call has ended.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect } from "effect"
 *
 * const summary = (t: TranscriptStream.Transcript): string => `${t.callId}: ${t.turns.length} turns, ${t.ended.status}`
 * const program = Effect.map(TranscriptStream.followUntilEnded("call_123"), summary)
 * ```
 *
 * @since 0.1.0
 */
export interface Transcript {
  readonly callId: string
  /** Every turn, in order, each once. */
  readonly turns: ReadonlyArray<TranscriptEvent.AnyTurn>
  /** The `connected` event, if the server sent one. */
  readonly connected: TranscriptEvent.Connected | undefined
  /** The `ended` event. */
  readonly ended: TranscriptEvent.Ended
}

/**
 * Follow a call's transcript stream until the call ends, then return the collected transcript.
 * For a finished call this returns as soon as the server has replayed it.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const transcript = yield* TranscriptStream.followUntilEnded("call_123")
 *   yield* Effect.log(`${transcript.turns.length} turns; ${transcript.ended.status}`)
 * })
 * ```
 *
 * @since 0.1.0
 */
export const followUntilEnded: (
  callId: string,
  options?: Options
) => Effect.Effect<Transcript, TranscriptError, AgentPhone.AgentPhone> = Effect.fn("TranscriptStream.followUntilEnded")(
  function*(callId: string, options?: Options) {
    const collected: Array<TranscriptEvent.AnyTurn> = []
    let connected: TranscriptEvent.Connected | undefined
    let ended: TranscriptEvent.Ended | undefined
    yield* Stream.runForEach(stream(callId, options), (event) =>
      Effect.sync(() => {
        if (TranscriptEvent.isTurn(event)) collected.push(event)
        else if (event._tag === "Connected") connected = event
        else if (event._tag === "Ended") ended = event
      }))
    return { callId, turns: collected, connected, ended: ended ?? { _tag: "Ended" } }
  }
)

const TurnFromWire: Schema.Schema<TranscriptEvent.Turn, typeof TranscriptEvent.TurnWire.Encoded> = Schema.transform(
  TranscriptEvent.TurnWire,
  Schema.typeSchema(TranscriptEvent.Turn),
  {
    strict: false,
    decode: (w) => TranscriptEvent.turnFromWire(w),
    encode: ({ _tag: _, ...fields }) => fields
  }
)

/**
 * The response of `GET /v1/calls/{call_id}/transcript`: `{data: [...]}` or `{transcripts: [...]}`,
 * each item a stored turn (or a live-shaped turn).
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Schema } from "effect"
 *
 * const response = Schema.decodeUnknownSync(TranscriptStream.TranscriptResponse)({
 *   data: [{ id: "t_1", transcript: "Hi", response: "Hello!" }]
 * })
 * ```
 *
 * @since 0.1.0
 */
export const TranscriptResponse = Schema.Union(
  Schema.Struct({ data: Schema.Array(Schema.Union(TranscriptEvent.StoredTurnFromWire, TurnFromWire)) }),
  Schema.Struct({ transcripts: Schema.Array(Schema.Union(TranscriptEvent.StoredTurnFromWire, TurnFromWire)) })
)

/**
 * The endpoint row of `calls.getCallTranscript` (run it with `ap.call`).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const ap = yield* AgentPhone.AgentPhone
 *   return yield* ap.call(TranscriptStream.getCallTranscriptEndpoint, { call_id: "call_123" })
 * })
 * ```
 *
 * @since 0.1.0
 */
export const getCallTranscriptEndpoint = Endpoint.make("GET", "/v1/calls/{call_id}/transcript", {
  request: Schema.Struct({ call_id: Schema.String }),
  response: Endpoint.json(TranscriptResponse),
  name: "calls.getCallTranscript"
})

/**
 * The full, ordered transcript of a call in one request (`GET /v1/calls/{call_id}/transcript`),
 * with the client's retries, timeouts and typed errors.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const turns = yield* TranscriptStream.getCallTranscript("call_123")
 *   yield* Effect.log(`${turns.length} turns`)
 * })
 * ```
 *
 * @since 0.1.0
 */
export const getCallTranscript: (
  callId: string,
  options?: AgentPhone.RequestOptions
) => Effect.Effect<
  ReadonlyArray<TranscriptEvent.AnyTurn>,
  AgentPhoneError.AgentPhoneError,
  AgentPhone.AgentPhone
> = Effect.fn("TranscriptStream.getCallTranscript")(
  function*(callId: string, options?: AgentPhone.RequestOptions) {
    const ap = yield* AgentPhone.AgentPhone
    const response = yield* ap.call(getCallTranscriptEndpoint, { call_id: callId }, options)
    return "data" in response ? response.data : response.transcripts
  }
)

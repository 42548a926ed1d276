/**
 * Simulated phone calls: a scripted conversation runs on the simulation clock. Each step the
 * other party says a line; the agent's reply comes from its voice webhook (webhook agents with a
 * webhook) or from the script. The call then completes, its recording becomes available and an
 * `agent.call_ended` event is delivered. The transcript stream replays, goes live and ends.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import * as PubSub from "effect/PubSub"
import * as Stream from "effect/Stream"
import type * as Delivery from "./Delivery.js"
import { SandboxEvent } from "./SandboxEvent.js"
import * as SimClock from "./SimClock.js"
import type * as Store from "./Store.js"

/**
 * One step of a call script: what the other party says, and the agent's scripted answer (used
 * when no voice webhook answers).
 *
 * @example
 * ```ts
 * import { Sandbox, Simulation } from "@agentphone-effect/sandbox"
 *
 * // Every simulated call in this sandbox follows a two-line conversation.
 * const script: ReadonlyArray<Simulation.ScriptStep> = [
 *   { caller: "Can I move my appointment to Monday?", agent: "Done: Monday at 10." },
 *   { caller: "Thanks, bye.", agent: null }
 * ]
 * const layer = Sandbox.layer({ script })
 * ```
 *
 * @since 0.1.0
 */
export interface ScriptStep {
  readonly caller: string
  readonly agent?: string | null | undefined
}

/**
 * The default conversation: three caller lines about a late order, each with a scripted answer.
 *
 * @example
 * ```ts
 * import { Sandbox, Simulation } from "@agentphone-effect/sandbox"
 *
 * // An inbound call with the default script minus its goodbye.
 * const call = Sandbox.startInboundCall({
 *   from: "+14155550123",
 *   script: Simulation.defaultScript.slice(0, 2)
 * })
 * ```
 *
 * @since 0.1.0
 */
export const defaultScript: ReadonlyArray<ScriptStep> = [
  {
    caller: "Hi, I'm calling about my order. It hasn't arrived yet.",
    agent: "Sorry about that! Let me check on it for you."
  },
  {
    caller: "It was supposed to come on Friday.",
    agent: "It's with the carrier and scheduled for delivery tomorrow between 2 and 4 pm."
  },
  { caller: "Great, thanks for your help. Bye!", agent: "You're welcome. Goodbye!" }
]

/**
 * Timing of simulated calls, in simulated time (set with the sandbox's `timing` option).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 *
 * // A quick call: a turn every second, hang up right after the last.
 * const layer = Sandbox.layer({ timing: { turnInterval: "1 second", hangupDelay: 0 } })
 * ```
 *
 * @since 0.1.0
 */
export interface Timing {
  /** Between the start and the first turn, and between turns. Default 5 s. */
  readonly turnInterval: Duration.DurationInput
  /** From the last turn to the hang-up. Default 2 s. */
  readonly hangupDelay: Duration.DurationInput
  /** Heartbeat comments on transcript streams. Default 15 s. */
  readonly heartbeat: Duration.DurationInput
}

/**
 * The default timing: a turn every 5 s, hang-up 2 s after the last turn, a heartbeat every 15 s.
 *
 * @example
 * ```ts
 * import { Simulation } from "@agentphone-effect/sandbox"
 * import { Duration } from "effect"
 *
 * // How long a default call lasts: one interval per step of the script, then the hang-up delay.
 * const steps = Simulation.defaultScript.length
 * const length = Duration.sum(
 *   Duration.times(Simulation.defaultTiming.turnInterval, steps),
 *   Simulation.defaultTiming.hangupDelay
 * ) // 17 seconds
 * ```
 *
 * @since 0.1.0
 */
export const defaultTiming: Timing = {
  turnInterval: Duration.seconds(5),
  hangupDelay: Duration.seconds(2),
  heartbeat: Duration.seconds(15)
}

/**
 * The call simulator (built by `Sandbox.make`).
 *
 * @internal
 * @since 0.1.0
 */
export interface Service {
  /** Store a new in-progress call and start its script. */
  readonly start: (
    tenant: Store.Tenant,
    call: Omit<Store.CallRecord, "turns" | "events" | "status" | "endedAt" | "disconnectionReason" | "hangup">,
    script: ReadonlyArray<ScriptStep>
  ) => Effect.Effect<Store.CallRecord>
  /** Hang up a live call now (idempotent). */
  readonly end: (tenant: Store.Tenant, call: Store.CallRecord, reason: string) => Effect.Effect<void>
  /** The SSE frames of a call's transcript stream (replay after `lastEventId`, live turns, end). */
  readonly transcriptStream: (
    call: Store.CallRecord,
    options: {
      readonly lastEventId: string | undefined
      readonly dropAfter: number | undefined
      /** When the client connected (epoch ms on Effect's `Clock`): heartbeats are due every interval after it. */
      readonly connectedAt: number
    }
  ) => Stream.Stream<string>
  /** How many transcript streams are open right now. */
  readonly openStreams: Effect.Effect<number>
}

/**
 * Duration of a call in whole seconds.
 *
 * @internal
 * @since 0.1.0
 */
export const durationSeconds = (call: Store.CallRecord): number | null =>
  call.endedAt === null ? null : Math.round((call.endedAt - call.startedAt) / 1000)

/**
 * A turn as the API serves it.
 *
 * @internal
 * @since 0.1.0
 */
export const turnJson = (turn: Store.TurnRecord) => ({
  id: turn.id,
  transcript: turn.transcript,
  confidence: turn.confidence,
  response: turn.response,
  createdAt: SimClock.toIso(turn.createdAt)
})

/**
 * Build the simulator.
 *
 * @internal
 * @since 0.1.0
 */
export const make = (deps: {
  readonly store: Store.Service
  readonly clock: SimClock.Service
  readonly delivery: Delivery.Service
  readonly fibers: FiberSet.FiberSet
  readonly events: PubSub.PubSub<SandboxEvent>
  readonly timing: Timing
  /** Completed when the sandbox stops: open transcript streams end, so the server can close. */
  readonly shutdown: Deferred.Deferred<void>
}): Service => {
  const { clock, delivery, events, fibers, store, timing } = deps
  const running = new Map<string, Fiber.RuntimeFiber<void>>()
  let open = 0

  const callEnded = (tenant: Store.Tenant, call: Store.CallRecord) => {
    const agentId = call.agentId
    return delivery.dispatch(tenant, {
      eventType: "agent.call_ended",
      channel: "voice",
      messageId: null,
      agentId,
      payload: () => ({
        event: "agent.call_ended",
        channel: "voice",
        timestamp: SimClock.toIso(call.endedAt ?? call.startedAt),
        agentId,
        data: {
          callId: call.id,
          numberId: call.numberId,
          from: call.fromNumber,
          to: call.toNumber,
          contact: contactFor(tenant, call.direction === "inbound" ? call.fromNumber : call.toNumber),
          direction: call.direction,
          status: call.status,
          startedAt: SimClock.toIso(call.startedAt),
          endedAt: call.endedAt === null ? null : SimClock.toIso(call.endedAt),
          durationSeconds: durationSeconds(call),
          disconnectionReason: call.disconnectionReason,
          transcript: call.turns.flatMap((t) => [
            ...(t.transcript.length > 0 ? [{ role: "user", content: t.transcript }] : []),
            ...(t.response === null ? [] : [{ role: "agent", content: t.response }])
          ]),
          summary: `Sandbox call with ${call.turns.length} turn(s).`,
          userSentiment: "Neutral",
          callSuccessful: true
        }
      })
    })
  }

  const finish = (tenant: Store.Tenant, call: Store.CallRecord, reason: string) =>
    Effect.gen(function*() {
      if (call.status !== "in-progress") return
      call.status = "completed"
      call.endedAt = yield* store.timestamp
      call.disconnectionReason = reason
      yield* PubSub.publish(call.events, { _tag: "Ended" })
      yield* events.publish(SandboxEvent.CallEnded({ callId: call.id, reason }))
      yield* callEnded(tenant, call)
    })

  const run = (tenant: Store.Tenant, call: Store.CallRecord, script: ReadonlyArray<ScriptStep>, from: number) =>
    Effect.gen(function*() {
      const interval = Duration.toMillis(timing.turnInterval)
      // Turns are due at exact instants after the start on the simulation clock (not after the
      // record's timestamp, which may be nudged forward to stay unique).
      let at = from
      for (const step of script) {
        at += interval
        yield* clock.sleepUntil(at)
        if (call.status !== "in-progress") return
        const agent = call.agentId === null ? undefined : tenant.agents.get(call.agentId)
        let response: string | null = step.agent ?? null
        let hangup = false
        if (agent !== undefined && agent.config.voiceMode !== "hosted" && delivery.target(tenant, agent.id) !== null) {
          const confidence = 0.9
          const reply = yield* delivery.voice(tenant, {
            eventType: "agent.message",
            channel: "voice",
            messageId: null,
            agentId: agent.id,
            payload: () => ({
              event: "agent.message",
              channel: "voice",
              timestamp: SimClock.toIso(at),
              agentId: agent.id,
              data: {
                callId: call.id,
                numberId: call.numberId,
                from: call.fromNumber,
                to: call.toNumber,
                status: call.status,
                transcript: step.caller,
                confidence,
                direction: call.direction
              },
              conversationState: null,
              recentHistory: call.turns.slice(-10).flatMap((t) => [
                { content: t.transcript, direction: "inbound", channel: "voice", at: SimClock.toIso(t.createdAt) },
                ...(t.response === null
                  ? []
                  : [{ content: t.response, direction: "outbound", channel: "voice", at: SimClock.toIso(t.createdAt) }])
              ])
            })
          })
          if (reply !== undefined) {
            response = reply.text
            hangup = reply.hangup
          }
        }
        if (call.status !== "in-progress") return
        const turn: Store.TurnRecord = {
          id: yield* store.id("tr"),
          transcript: step.caller,
          confidence: 0.85 + (yield* store.nextInt(15)) / 100,
          response,
          createdAt: yield* store.timestamp
        }
        call.turns.push(turn)
        yield* PubSub.publish(call.events, { _tag: "Turn", index: call.turns.length - 1, turn })
        yield* events.publish(
          SandboxEvent.TurnAdded({ callId: call.id, turnId: turn.id, index: call.turns.length - 1 })
        )
        if (hangup) {
          yield* finish(tenant, call, "agent_hangup")
          return
        }
      }
      yield* clock.sleepUntil(at + Duration.toMillis(timing.hangupDelay))
      yield* finish(tenant, call, "user_hangup")
    }).pipe(Effect.ensuring(Effect.sync(() => running.delete(call.id))))

  const frame = (event: Store.CallEvent, call: Store.CallRecord): string =>
    event._tag === "Turn"
      ? `id: ${event.turn.id}\ndata: ${JSON.stringify(turnJson(event.turn))}\n\n`
      : `event: ended\ndata: ${
        JSON.stringify({
          callId: call.id,
          status: call.status,
          endedAt: call.endedAt === null ? null : SimClock.toIso(call.endedAt),
          durationSeconds: durationSeconds(call)
        })
      }\n\n`

  return {
    start: (tenant, init, script) =>
      Effect.gen(function*() {
        const call: Store.CallRecord = {
          ...init,
          status: "in-progress",
          endedAt: null,
          disconnectionReason: null,
          hangup: null,
          turns: [],
          events: yield* PubSub.unbounded<Store.CallEvent>()
        }
        tenant.calls.set(call.id, call)
        const from = yield* clock.now
        const fiber = yield* FiberSet.run(fibers, run(tenant, call, script, from))
        running.set(call.id, fiber)
        return call
      }),
    end: (tenant, call, reason) =>
      Effect.gen(function*() {
        const fiber = running.get(call.id)
        if (fiber !== undefined) {
          running.delete(call.id)
          yield* Fiber.interrupt(fiber)
        }
        yield* finish(tenant, call, reason)
      }),
    transcriptStream: (call, options) => {
      const turns = Stream.unwrapScoped(Effect.gen(function*() {
        // Subscribe before taking the snapshot, so no turn falls between replay and live.
        const subscription = yield* PubSub.subscribe(call.events)
        const snapshot = call.turns.slice()
        const ended = call.status !== "in-progress"
        const from = options.lastEventId === undefined
          ? 0
          : snapshot.findIndex((t) => t.id === options.lastEventId) + 1
        const replay = Stream.fromIterable(
          snapshot.slice(from).map((turn, i): Store.CallEvent => ({ _tag: "Turn", index: from + i, turn }))
        )
        const rest: Stream.Stream<Store.CallEvent> = ended
          ? Stream.succeed<Store.CallEvent>({ _tag: "Ended" })
          : Stream.fromQueue(subscription).pipe(
            Stream.filter((e) => e._tag === "Ended" || e.index >= snapshot.length),
            Stream.takeUntil((e) => e._tag === "Ended")
          )
        const all = Stream.concat(replay, rest)
        // A first comment flushes the response headers at once, before any turn exists.
        return Stream.concat(
          Stream.make(": connected\n\n"),
          (options.dropAfter === undefined ? all : Stream.take(all, options.dropAfter)).pipe(
            Stream.map((e) => frame(e, call))
          )
        )
      }))
      // Heartbeats are due at absolute instants after the connection (Effect's Clock, not the
      // simulation clock: they keep a paused sandbox's connections alive).
      const every = Duration.toMillis(timing.heartbeat)
      const heartbeat = Stream.unfoldEffect(1, (n) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const wait = options.connectedAt + n * every - now
          return Effect.as(
            wait > 0 ? Effect.sleep(Duration.millis(wait)) : Effect.void,
            Option.some([": heartbeat\n\n", n + 1] as const)
          )
        }))
      return Stream.merge(turns, heartbeat, { haltStrategy: "left" }).pipe(
        Stream.interruptWhen(Deferred.await(deps.shutdown)),
        Stream.onStart(Effect.sync(() => {
          open += 1
        })),
        Stream.ensuring(Effect.suspend(() => {
          open -= 1
          return events.publish(SandboxEvent.TranscriptStreamClosed({ callId: call.id }))
        }))
      )
    },
    openStreams: Effect.sync(() => open)
  }
}

/**
 * The saved contact for a number, as webhook payloads carry it.
 *
 * @internal
 * @since 0.1.0
 */
export const contactFor = (tenant: Store.Tenant, phoneNumber: string) => {
  for (const c of tenant.contacts.values()) {
    if (c.phoneNumber === phoneNumber) return { id: c.id, name: c.name, email: c.email, phoneNumber: c.phoneNumber }
  }
  return null
}

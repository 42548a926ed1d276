/**
 * The scenario the example app runs and narrates, step by step: an agent with a webhook, a
 * number, an inbound SMS answered through the signed webhook, an outbound call whose transcript
 * prints live, the end-of-call event, the recording, usage, and the conversations.
 *
 * Each step returns what it produced; the whole run returns an `Outcome` that the end-to-end test
 * asserts on.
 *
 * @since 0.1.0
 */
import type { Agents, Calls, Conversations, Messages, Numbers, Usage } from "@agentphone-effect/core"
import { AgentPhone } from "@agentphone-effect/core"
import { TranscriptEvent, TranscriptStream } from "@agentphone-effect/transcripts"
import type { WebhookEvent } from "@agentphone-effect/webhooks"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { Backend } from "./Backend.js"
import * as Brain from "./Brain.js"
import * as Failure from "./Failure.js"
import { Narrator } from "./Narrator.js"
import { Receiver } from "./Receiver.js"
import * as Steps from "./Steps.js"

/**
 * One turn of the live transcript, as printed.
 *
 * @since 0.1.0
 */
export interface Turn {
  /** `caller` or `agent` (other roles pass through as the server sends them). */
  readonly role: string
  readonly text: string
}

/**
 * What a run produced, step by step (a step that did not run leaves its field undefined).
 *
 * @since 0.1.0
 */
export interface Outcome {
  readonly agent?: Agents.AgentResponse | undefined
  readonly number?: Numbers.PhoneNumberResponse | undefined
  readonly webhookUrl?: string | undefined
  readonly sms?: {
    readonly inbound: WebhookEvent.Message
    readonly reply: Messages.SendMessageResponse
  } | undefined
  readonly call?: {
    readonly call: Calls.Call
    readonly turns: ReadonlyArray<Turn>
    readonly ended: WebhookEvent.CallEnded
    readonly recordingBytes: number
  } | undefined
  readonly usage?: Usage.UsageResponse | undefined
  readonly conversations?: ReadonlyArray<Conversations.ConversationSummary> | undefined
}

/**
 * How long a step waits for a delivery or for a call to end before it gives up (real time).
 *
 * @since 0.1.0
 */
export const waitLimit = Duration.seconds(30)

const texters = [
  { from: "+14155550142", body: "Hi! Are you open on Saturday?" },
  { from: "+14155550177", body: "Can I book a table for two tomorrow?" },
  { from: "+14155550123", body: "Thanks for yesterday, see you soon" }
] as const

const within = <A, E, R>(waitingFor: string, hint: string, effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.timeoutFail({ duration: waitLimit, onTimeout: () => new Failure.StepTimeout({ waitingFor, hint }) })
  )

const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`

const quote = (s: string) => `“${s}”`

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`

/**
 * Run the steps of `plan` in order, narrating each; returns what they produced.
 *
 * @example
 * ```ts
 * import * as Scenario from "./Scenario.js"
 * import * as Steps from "./Steps.js"
 *
 * const everything = Scenario.run(Steps.plan(undefined))
 * ```
 *
 * @since 0.1.0
 */
export const run = Effect.fn("Scenario.run")(function*(plan: ReadonlyArray<Steps.Step>) {
  const ap = yield* AgentPhone.AgentPhone
  const narrator = yield* Narrator
  const backend = yield* Backend
  const receiver = yield* Receiver
  let outcome: Outcome = {}
  let index = 0

  const step = (name: Steps.Step) => {
    index += 1
    return narrator.step(index, plan.length, Steps.titles[name])
  }
  const need = <A>(value: A | undefined, what: string): Effect.Effect<A, Failure.Unsupported> =>
    value === undefined
      ? Effect.fail(new Failure.Unsupported({ what: `no ${what} yet`, hint: "run the steps it needs first" }))
      : Effect.succeed(value)

  for (const name of plan) {
    yield* step(name)
    switch (name) {
      case "agent": {
        const agent = yield* ap.agents.createAgent({
          name: "Demo Receptionist",
          description: "Answers calls and texts for the example app",
          voiceMode: "webhook",
          beginMessage: "Hi, thanks for calling! How can I help?"
        })
        yield* narrator.ok(`agent ${agent.name} (${agent.id}), voice mode ${agent.voiceMode}`)
        outcome = { ...outcome, agent }
        break
      }
      case "number": {
        const agent = yield* need(outcome.agent, "agent")
        const number = yield* ap.numbers.createNumber({ agentId: agent.id, areaCode: "415" })
        yield* narrator.ok(`number ${number.phoneNumber} (${number.id}), attached to ${agent.name}`)
        outcome = { ...outcome, number }
        break
      }
      case "webhook": {
        const agent = yield* need(outcome.agent, "agent")
        const webhook = yield* ap.agentWebhooks.createOrUpdateAgentWebhook({
          agent_id: agent.id,
          body: { url: receiver.url, contextLimit: 5 }
        })
        yield* receiver.addSecret(webhook.secret)
        yield* narrator.ok(`deliveries for ${agent.name} go to ${webhook.url}`)
        yield* narrator.detail(`signed with a fresh secret (${String(webhook.secret)}); every delivery is verified`)
        outcome = { ...outcome, webhookUrl: webhook.url }
        break
      }
      case "sms": {
        const agent = yield* need(outcome.agent, "agent")
        const number = yield* need(outcome.number, "number")
        if (backend.mode === "live") {
          yield* narrator.note("skipped: an inbound SMS needs a person to text your number")
          break
        }
        // A few people text the number; the first one gets the reply narrated in full.
        for (const texter of texters) {
          yield* backend.injectInboundSms({ numberId: number.id, from: texter.from, body: texter.body })
        }
        const [first] = texters
        const inbound = yield* within(
          "the SMS webhook delivery",
          "the sandbox did not deliver the SMS to the webhook; run again with --only sms",
          backend.drive(
            receiver.waitFor((e) =>
              e._tag === "Message" && e.data.direction === "inbound" && e.data.from === first.from
                ? Option.some(e)
                : Option.none()
            )
          )
        )
        yield* narrator.ok(`← SMS from ${inbound.data.from}: ${quote(inbound.data.message)}`)
        yield* narrator.detail(`delivery verified (HMAC-SHA256 over timestamp and raw body), event ${inbound.event}`)
        const text = Brain.answer(inbound.data.message).text
        const reply = yield* ap.messages.sendMessage({
          agent_id: agent.id,
          number_id: number.id,
          to_number: inbound.data.from,
          body: text
        })
        yield* narrator.ok(`→ reply to ${reply.to_number}: ${quote(text)} (${reply.status})`)
        outcome = { ...outcome, sms: { inbound, reply } }
        break
      }
      case "transcript": {
        const agent = yield* need(outcome.agent, "agent")
        const number = yield* need(outcome.number, "number")
        if (backend.mode === "live") {
          yield* narrator.note("skipped against the real API: it would place a real call (use --call-id to follow one)")
          break
        }
        const call = yield* ap.calls.createOutboundCall({
          agentId: agent.id,
          toNumber: backend.callee,
          fromNumberId: number.id
        })
        yield* narrator.ok(`calling ${call.toNumber} from ${number.phoneNumber} (call ${call.id})`)
        const turns = yield* narrator.spin(
          "call in progress: transcript turns print as they arrive",
          within(
            "the end of the call",
            "the call did not end in time; run again with --only transcript",
            backend.drive(followTranscript(call.id))
          )
        )
        const ended = yield* within(
          "the agent.call_ended delivery",
          "the sandbox did not deliver the end of the call; run again with --only transcript",
          backend.drive(
            receiver.waitFor((e) =>
              e._tag === "CallEnded" && e.data.callId === call.id ? Option.some(e) : Option.none()
            )
          )
        )
        yield* narrator.ok(
          `agent.call_ended: ${ended.data.status ?? "ended"} after ${ended.data.durationSeconds ?? "?"} s, ` +
            `${count(ended.data.transcript.length, "transcript line")}`
        )
        if (ended.data.summary) yield* narrator.detail(`summary: ${ended.data.summary}`)
        const recording = yield* ap.calls.getCallRecording({ call_id: call.id })
        yield* narrator.ok(`recording: ${formatBytes(recording.length)} of audio/wav`)
        outcome = { ...outcome, call: { call, turns, ended, recordingBytes: recording.length } }
        break
      }
      case "usage": {
        const usage = yield* ap.usage.getUsage()
        const s = usage.stats
        yield* narrator.ok(
          `plan ${usage.plan.name}: ${usage.numbers.used}/${usage.numbers.limit} numbers, ` +
            `${count(s.totalMessages, "message")}, ${count(s.totalCalls, "call")}`
        )
        yield* narrator.detail(
          `webhook deliveries: ${s.successfulWebhookDeliveries} ok, ${s.failedWebhookDeliveries} failed ` +
            `of ${s.totalWebhookDeliveries}`
        )
        outcome = { ...outcome, usage }
        break
      }
      case "conversations": {
        // Two per page, to show the stream fetching page after page as it is consumed.
        const conversations = yield* ap.conversations.listConversationsStream({}, { queryParams: { limit: 2 } }).pipe(
          Stream.tap((c) =>
            narrator.ok(
              `${c.participant} ↔ ${c.phoneNumber}: ${count(c.messageCount, "message")}, last ${
                quote(c.lastMessagePreview)
              }`
            )
          ),
          Stream.runCollect,
          Effect.map(Chunk.toReadonlyArray)
        )
        if (conversations.length === 0) yield* narrator.note("no conversations yet")
        outcome = { ...outcome, conversations }
        break
      }
    }
  }
  return outcome
})

/**
 * Follow a call's live transcript until the call ends, narrating each turn as it arrives.
 *
 * @since 0.1.0
 */
export const followTranscript = (callId: string) =>
  Effect.flatMap(Narrator, (narrator) =>
    TranscriptStream.turns(callId).pipe(
      Stream.zipWithIndex,
      Stream.mapConcat(([turn, position]) => TranscriptEvent.toLines(turn, position)),
      Stream.map((line): Turn => ({ role: line.role === "user" ? "caller" : line.role, text: line.text })),
      Stream.tap((turn) => narrator.turn(turn.role, turn.text)),
      Stream.runCollect,
      Effect.map(Chunk.toReadonlyArray)
    ))

/**
 * The example agent's "brain": a tiny rule-based responder that stands in for an LLM. It answers
 * SMS with one text and voice turns with a stream of words, the way an LLM streams tokens, so the
 * webhook can reply with NDJSON chunks as they are produced.
 *
 * @since 0.1.0
 */
import * as Stream from "effect/Stream"

/**
 * What the agent answers to a caller's words, and whether it hangs up after saying it.
 *
 * @since 0.1.0
 */
export interface Answer {
  readonly text: string
  readonly hangup: boolean
}

const rules: ReadonlyArray<readonly [RegExp, Answer]> = [
  [/\b(bye|goodbye|that's all|thanks?|thank you)\b/i, {
    text: "You're welcome. Have a lovely day, goodbye!",
    hangup: true
  }],
  [/\b(order|arrived|delivery|package|parcel|shipping)\b/i, {
    text: "Sorry about that! I checked: your order is out for delivery and arrives tomorrow morning.",
    hangup: false
  }],
  [/\b(supposed|late|delay|delayed|friday|monday)\b/i, {
    text: "I understand, and I've refunded the shipping for the delay.",
    hangup: false
  }],
  [/\b(open|hours|close|closing)\b/i, {
    text: "We're open nine to six, Monday to Saturday.",
    hangup: false
  }],
  [/\b(book|appointment|table|reserve|reservation|schedule)\b/i, {
    text: "I can book that for you: tomorrow at ten works. Shall I confirm it?",
    hangup: false
  }],
  [/\b(yes|sure|please|confirm|great|ok|okay)\b/i, {
    text: "Done, you're booked. I'll text you the details.",
    hangup: false
  }],
  [/\b(hi|hello|hey)\b/i, {
    text: "Hello! This is the demo agent. How can I help?",
    hangup: false
  }]
]

/**
 * The answer to what the caller (or texter) said.
 *
 * @example
 * ```ts
 * import * as Brain from "./Brain.js"
 *
 * Brain.answer("What are your opening hours?").text // "We're open nine to six, Monday to Saturday."
 * ```
 *
 * @since 0.1.0
 */
export const answer = (said: string): Answer =>
  rules.find(([pattern]) => pattern.test(said))?.[1] ?? {
    text: "Got it. Anything else I can help with?",
    hangup: false
  }

/**
 * The answer as a stream of pieces, one sentence at a time, as an LLM would produce it (each
 * piece becomes one interim NDJSON chunk, spoken as soon as it arrives).
 *
 * @example
 * ```ts
 * import { Stream } from "effect"
 * import * as Brain from "./Brain.js"
 *
 * Stream.runCollect(Brain.speak("my order is late")) // "Sorry about that!", "I checked: …"
 * ```
 *
 * @since 0.1.0
 */
export const speak = (said: string): Stream.Stream<string> =>
  Stream.fromIterable(answer(said).text.split(/(?<=[.!?])\s+/))

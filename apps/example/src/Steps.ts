/**
 * The steps of the scenario, in order, with what each needs before it can run.
 *
 * @since 0.1.0
 */

/**
 * The name of a step, as `--only <step>` takes it.
 *
 * @since 0.1.0
 */
export type Step = typeof names[number]

/**
 * Every step, in the order the scenario runs them.
 *
 * @since 0.1.0
 */
export const names = ["agent", "number", "webhook", "sms", "transcript", "usage", "conversations"] as const

/**
 * What each step shows, for the narration and `--help`.
 *
 * @since 0.1.0
 */
export const titles: Record<Step, string> = {
  agent: "Create an agent that answers through a webhook",
  number: "Provision a phone number for the agent",
  webhook: "Register the webhook (signed deliveries to this app)",
  sms: "An inbound SMS arrives through the signed webhook, and the app replies",
  transcript: "Place an outbound call and print its transcript live",
  usage: "Usage summary",
  conversations: "List conversations through a pagination stream"
}

/**
 * The steps a step needs to have run before it (they run first, briefly, under `--only`).
 *
 * @since 0.1.0
 */
export const needs: Record<Step, ReadonlyArray<Step>> = {
  agent: [],
  number: ["agent"],
  webhook: ["agent"],
  sms: ["agent", "number", "webhook"],
  transcript: ["agent", "number", "webhook"],
  usage: [],
  conversations: []
}

/**
 * The steps to run for `--only step` (its needs, then itself), or every step.
 *
 * @example
 * ```ts
 * import * as Steps from "./Steps.js"
 *
 * Steps.plan("sms") // ["agent", "number", "webhook", "sms"]
 * ```
 *
 * @since 0.1.0
 */
export const plan = (only: Step | undefined): ReadonlyArray<Step> =>
  only === undefined ? names : names.filter((s) => s === only || needs[only].includes(s))

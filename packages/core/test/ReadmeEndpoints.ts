// The README's "Every endpoint" example, kept here so `pnpm check` type-checks it. Keep the two in sync.
import { AgentPhone } from "@agentphone-effect/core"
import { Effect, Stream } from "effect"

export const failedCalls = Effect.gen(function*() {
  const ap = yield* AgentPhone.AgentPhone
  return yield* ap.calls.listCallsStream({ status: "failed" }).pipe(Stream.take(50), Stream.runCollect)
})

export const saveRecording = (call_id: string) =>
  Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.calls.getCallRecording({ call_id })) // Uint8Array, intact

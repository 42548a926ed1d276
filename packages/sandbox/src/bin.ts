#!/usr/bin/env node
/**
 * `agentphone-sandbox [--port N] [--host H] [--seed S] [--key K] [--paused]`: start a sandbox
 * and print its base URL and API key. Stops on Ctrl-C.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Sandbox from "./Sandbox.js"

const usage = "usage: agentphone-sandbox [--port N] [--host H] [--seed S] [--key K] [--paused]"

const parse = (argv: ReadonlyArray<string>): Sandbox.Options | string => {
  const out: { -readonly [K in keyof Sandbox.Options]: Sandbox.Options[K] } = {
    port: Number(process.env.AGENTPHONE_SANDBOX_PORT ?? 4010)
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = argv[i + 1]
    switch (flag) {
      case "--":
        break
      case "--port":
        out.port = Number(value)
        i++
        break
      case "--host":
        out.host = value
        i++
        break
      case "--seed":
        out.seed = value !== undefined && /^\d+$/.test(value) ? Number(value) : value
        i++
        break
      case "--key":
        out.apiKey = value
        i++
        break
      case "--paused":
        out.paused = true
        break
      case "--help":
      case "-h":
        return usage
      default:
        return `unknown argument ${flag}\n${usage}`
    }
  }
  if (out.port === undefined || !Number.isInteger(out.port) || out.port < 0) return `invalid --port\n${usage}`
  return out
}

const options = parse(process.argv.slice(2))

const main = typeof options === "string"
  ? Console.error(options)
  : Layer.launch(
    Layer.effectDiscard(Effect.gen(function*() {
      const sandbox = yield* Sandbox.Sandbox
      const key = Redacted.value(sandbox.apiKey)
      yield* Console.log(`AgentPhone sandbox listening on ${sandbox.baseUrl}`)
      yield* Console.log(`AGENTPHONE_BASE_URL=${sandbox.baseUrl}`)
      yield* Console.log(`AGENTPHONE_API_KEY=${key}`)
      yield* Console.log(`try: curl -H "Authorization: Bearer ${key}" ${sandbox.baseUrl}/v1/agents`)
    })).pipe(Layer.provideMerge(Sandbox.layer(options)))
  )

NodeRuntime.runMain(main)

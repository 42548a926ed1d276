/**
 * The dev-server wiring of the page: a Vite plugin that starts an AgentPhone sandbox next to the
 * dev server, seeds it (an agent with a number, and a conversation), and proxies `/v1` to it, so
 * the page talks to the API at its own origin with no CORS and no account.
 */
import { AgentPhone } from "@agentphone-effect/core"
import { Sandbox } from "@agentphone-effect/sandbox"
import { Effect, ManagedRuntime } from "effect"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { defaultClientConditions, type InlineConfig, mergeConfig, type Plugin } from "vite"

export interface SandboxPluginOptions {
  /** The key the page sends. Default `sk_sandbox_web`. */
  readonly apiKey?: string
  /** Simulated call timing (e.g. a short `turnInterval` in tests). */
  readonly timing?: Sandbox.Options["timing"]
  /** Called with the sandbox's own base URL once it listens. */
  readonly onReady?: (baseUrl: string) => void
}

const seed = Effect.gen(function*() {
  const ap = yield* AgentPhone.AgentPhone
  const sandbox = yield* Sandbox.Sandbox
  const agents = yield* ap.agents.listAgents()
  if (agents.data.length > 0) return
  const agent = yield* ap.agents.createAgent({ name: "Support agent", description: "Answers order questions" })
  const number = yield* ap.numbers.createNumber({ agentId: agent.id, areaCode: "415" })
  yield* sandbox.injectMessage({ from: "+14155550199", numberId: number.id, body: "Hi! Is my order on its way?" })
})

/**
 * Start a sandbox with the dev server (not for `vite build`), stop it with the server.
 */
export const sandboxPlugin = (options: SandboxPluginOptions = {}): Plugin => {
  const apiKey = options.apiKey ?? "sk_sandbox_web"
  let runtime: ManagedRuntime.ManagedRuntime<Sandbox.Sandbox | AgentPhone.AgentPhone, never> | undefined
  return {
    name: "agentphone-sandbox",
    apply: "serve",
    async config() {
      runtime = ManagedRuntime.make(
        Sandbox.layerClient({ apiKey, ...(options.timing ? { timing: options.timing } : {}) }, { retry: false })
      )
      const baseUrl = await runtime.runPromise(Effect.zipRight(seed, Effect.map(Sandbox.Sandbox, (s) => s.baseUrl)))
      options.onReady?.(baseUrl)
      return {
        define: { "import.meta.env.VITE_AGENTPHONE_API_KEY": JSON.stringify(apiKey) },
        server: { proxy: { "/v1": { target: baseUrl } } }
      }
    },
    configureServer(server) {
      server.httpServer?.once("close", () => {
        void runtime?.dispose()
      })
    }
  }
}

const root = path.dirname(fileURLToPath(import.meta.url))

/**
 * The page's Vite config: workspace packages from source, esbuild's JSX, and the sandbox.
 */
export const webConfig = (overrides: InlineConfig = {}, sandbox: SandboxPluginOptions = {}): InlineConfig =>
  mergeConfig<InlineConfig, InlineConfig>({
    root,
    configFile: false,
    resolve: { conditions: ["@agentphone-effect/source", ...defaultClientConditions] },
    esbuild: { jsx: "automatic" },
    // effect + react in one chunk is ~600 kB minified (~170 kB gzip); fine for a demo page.
    build: { chunkSizeWarningLimit: 1024 },
    plugins: [sandboxPlugin(sandbox)]
  }, overrides)

// The Effect baseline: a plain, idiomatic @effect/platform client with no SDK on top (see
// effect-api.mjs), over the same two transports as agentphone-effect. It shows what the SDK adds
// on top of the Effect floor.
export default [
  {
    name: "effect-undici",
    description: "@effect/platform HttpClient + NodeHttpClient.layerUndici, no SDK",
    async create(opts) {
      const [{ promiseClient }, NodeHttpClient] = await Promise.all([
        import("./effect-api.mjs"),
        import("@effect/platform-node/NodeHttpClient")
      ])
      return promiseClient(NodeHttpClient.layerUndici, opts)
    }
  },
  {
    name: "effect-fetch",
    description: "@effect/platform HttpClient + FetchHttpClient.layer, no SDK",
    async create(opts) {
      const [{ promiseClient }, FetchHttpClient] = await Promise.all([
        import("./effect-api.mjs"),
        import("@effect/platform/FetchHttpClient")
      ])
      return promiseClient(FetchHttpClient.layer, opts)
    }
  }
]

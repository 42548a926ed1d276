import { AgentPhone, FetchTransport } from "@agentphone-effect/core"
import { AgentPhoneProvider } from "@agentphone-effect/react"
import { Layer, Redacted } from "effect"
import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { App } from "./App.js"
import "./styles.css"

// The dev server proxies /v1 to the sandbox, so the API lives at this page's origin. The browser's
// fetch, through FetchTransport: each call's deadline aborts its fetch, with no fiber per attempt.
const AgentPhoneLive = AgentPhone.layer({
  apiKey: Redacted.make(import.meta.env.VITE_AGENTPHONE_API_KEY ?? "sk_sandbox_web"),
  baseUrl: window.location.origin
}).pipe(Layer.provide(FetchTransport.layer))

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AgentPhoneProvider layer={AgentPhoneLive}>
      <App />
    </AgentPhoneProvider>
  </StrictMode>
)

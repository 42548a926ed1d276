/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_AGENTPHONE_API_KEY?: string
}

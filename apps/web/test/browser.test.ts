import { describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { chromium } from "playwright-core"
import { createServer } from "vite"
import { webConfig } from "../sandboxPlugin.js"

const executablePath = "/usr/bin/chromium"
const here = path.dirname(fileURLToPath(import.meta.url))
const artifacts = path.join(here, "..", "test-results")

const devServer = Effect.acquireRelease(
  Effect.promise(async () => {
    const server = await createServer(webConfig(
      { server: { host: "127.0.0.1", port: 0, strictPort: true }, logLevel: "warn", clearScreen: false },
      { timing: { turnInterval: "1 second", hangupDelay: "1 second" } }
    ))
    await server.listen()
    return server
  }),
  (server) => Effect.promise(() => server.close())
)

const browser = Effect.acquireRelease(
  Effect.promise(async () => {
    if (!existsSync(executablePath)) {
      throw new Error(
        `Chromium is missing at ${executablePath}. Install it (apt-get install -y chromium); CI does so in .ci/system-deps.`
      )
    }
    const userDataDir = mkdtempSync(path.join(tmpdir(), "agentphone-web-"))
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      viewport: { width: 1280, height: 860 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    })
    return { context, userDataDir }
  }),
  ({ context, userDataDir }) =>
    Effect.promise(async () => {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    })
)

describe("web page in a real browser (Debian Chromium, sandbox behind the dev server)", () => {
  it.scopedLive("places a call and shows its transcript turns as they arrive", () =>
    Effect.gen(function*() {
      const server = yield* devServer
      const url = server.resolvedUrls?.local[0]
      if (url === undefined) throw new Error("the dev server reported no URL")
      const { context } = yield* browser
      yield* Effect.promise(async () => {
        const page = context.pages()[0] ?? await context.newPage()
        const errors: Array<string> = []
        page.on("pageerror", (e) => errors.push(e.message))
        await page.goto(url, { waitUntil: "domcontentloaded", timeout: 120_000 })
        await page.getByRole("heading", { name: "AgentPhone" }).waitFor({ timeout: 120_000 })
        // The sandbox is seeded with one agent; the button enables once agents have loaded.
        await page.getByRole("option", { name: "Support agent" }).waitFor({ state: "attached" })
        await page.getByRole("button", { name: "Place call" }).click()
        const transcript = page.getByRole("list", { name: "Transcript" })
        await transcript.getByText("Hi, I'm calling about my order. It hasn't arrived yet.").waitFor()
        await transcript.getByText("Sorry about that! Let me check on it for you.").waitFor()
        await transcript.getByText("It was supposed to come on Friday.").waitFor()
        // The new call is listed too (the mutation refreshed the calls query).
        await page.getByRole("list", { name: "Recent calls" }).getByRole("button").first().waitFor()
        // The seeded conversation: open it and send a reply from the send box.
        await page.getByRole("list", { name: "Conversations" }).getByRole("button").first().click()
        const messages = page.getByRole("list", { name: "Messages" })
        await messages.getByText("Hi! Is my order on its way?").waitFor()
        await page.getByPlaceholder("Write a message").fill("Yes, it arrives tomorrow.")
        await page.getByRole("button", { name: "Send" }).click()
        await messages.getByText("Yes, it arrives tomorrow.").waitFor()
        mkdirSync(artifacts, { recursive: true })
        await page.screenshot({ path: path.join(artifacts, "web-live-call.png"), fullPage: true })
        if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`)
      })
    }))
})

import {
  Result,
  useAgents,
  useCalls,
  useConversationMessages,
  useConversations,
  useCreateCall,
  useEndCall,
  useSendMessage,
  useTranscript
} from "@agentphone-effect/react"
import { Exit } from "effect"
import { type FormEvent, useState } from "react"
import { ErrorBox, Show } from "./Status.js"

const time = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleTimeString() : "")

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

const PlaceCall = (props: { readonly onPlaced: (callId: string) => void }) => {
  const agents = useAgents()
  const create = useCreateCall()
  const [agentId, setAgentId] = useState("")
  const [toNumber, setToNumber] = useState("+14155550123")
  const chosen = agentId || (Result.isSuccess(agents) ? agents.value.data[0]?.id ?? "" : "")

  const submit = (e: FormEvent) => {
    e.preventDefault()
    void create.run({ agentId: chosen, toNumber }).then((exit) => {
      if (Exit.isSuccess(exit)) props.onPlaced(exit.value.id)
    })
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Place a call">
      <h2>Place a call</h2>
      <Show result={agents} what="agents">
        {(list) =>
          list.data.length === 0 ? <p className="muted">No agents yet.</p> : (
            <label>
              Agent
              <select value={chosen} onChange={(e) => setAgentId(e.target.value)}>
                {list.data.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
              </select>
            </label>
          )}
      </Show>
      <label>
        To
        <input value={toNumber} onChange={(e) => setToNumber(e.target.value)} placeholder="+14155550123" />
      </label>
      <button type="submit" disabled={create.result.waiting || chosen === ""}>
        {create.result.waiting ? "Calling…" : "Place call"}
      </button>
      {Result.match(create.result, {
        onInitial: () => null,
        onSuccess: () => null,
        onFailure: (error) => <ErrorBox title="Could not place the call" error={error} />
      })}
    </form>
  )
}

const RecentCalls = (props: { readonly selected: string | undefined; readonly onSelect: (id: string) => void }) => {
  const calls = useCalls()
  return (
    <div className="card">
      <h2>Recent calls {calls.waiting ? <span className="muted">(refreshing)</span> : null}</h2>
      <Show result={calls} what="calls">
        {(page) =>
          page.data.length === 0 ?
            <p className="muted">No calls yet. Place one.</p> :
            (
              <ul className="list" aria-label="Recent calls">
                {page.data.map((call) => (
                  <li key={call.id}>
                    <button
                      className={call.id === props.selected ? "row selected" : "row"}
                      onClick={() => props.onSelect(call.id)}
                    >
                      <span>{call.direction === "inbound" ? call.fromNumber : call.toNumber}</span>
                      <span className={`status ${call.status}`}>{call.status}</span>
                      <span className="muted">{time(call.startedAt)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
      </Show>
    </div>
  )
}

const CallView = (props: { readonly callId: string }) => {
  const transcript = useTranscript(props.callId)
  const end = useEndCall()
  const live = transcript.waiting
  return (
    <div className="card">
      <h2>
        Call <code>{props.callId}</code>{" "}
        <span className={live ? "status in-progress" : "status completed"}>{live ? "live" : "ended"}</span>
      </h2>
      {live ?
        (
          <button onClick={() => void end.run(props.callId)} disabled={end.result.waiting}>
            {end.result.waiting ? "Ending…" : "End call"}
          </button>
        ) :
        null}
      {Result.match(transcript, {
        onInitial: () => <p className="muted">Connecting to the transcript…</p>,
        onSuccess: (t) => (
          <ol className="transcript" aria-label="Transcript">
            {t.lines.length === 0 ? <li className="muted">Waiting for the first words…</li> : null}
            {t.lines.map((line) => (
              <li key={line.key} className={`turn ${line.role}`}>
                <span className="who">{line.role === "agent" ? "Agent" : "Caller"}</span>
                <span>{line.text}</span>
              </li>
            ))}
            {t.ended !== undefined
              ? (
                <li className="muted">
                  Call ended{t.ended.durationSeconds !== undefined ? ` after ${t.ended.durationSeconds}s` : ""}.
                </li>
              )
              : null}
          </ol>
        ),
        onFailure: (error) => <ErrorBox title="The transcript stopped" error={error} />
      })}
    </div>
  )
}

// ---------------------------------------------------------------------------------------------
// Conversations
// ---------------------------------------------------------------------------------------------

const ConversationList = (
  props: { readonly selected: string | undefined; readonly onSelect: (id: string) => void }
) => {
  const conversations = useConversations()
  return (
    <div className="card">
      <h2>Conversations</h2>
      <Show result={conversations} what="conversations">
        {(page) =>
          page.data.length === 0 ?
            <p className="muted">No conversations yet.</p> :
            (
              <ul className="list" aria-label="Conversations">
                {page.data.map((c) => (
                  <li key={c.id}>
                    <button
                      className={c.id === props.selected ? "row selected" : "row"}
                      onClick={() => props.onSelect(c.id)}
                    >
                      <span>{c.groupName ?? c.participant}</span>
                      <span className="muted">{c.lastMessagePreview}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
      </Show>
    </div>
  )
}

const ConversationView = (props: { readonly conversationId: string }) => {
  const conversations = useConversations()
  const messages = useConversationMessages(props.conversationId)
  const send = useSendMessage()
  const [body, setBody] = useState("")
  const conversation = Result.isSuccess(conversations)
    ? conversations.value.data.find((c) => c.id === props.conversationId)
    : undefined

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (conversation === undefined || body.trim() === "") return
    void send.run({
      agent_id: conversation.agentId ?? null,
      to_number: conversation.participant,
      number_id: conversation.phoneNumberId,
      body
    }).then((exit) => {
      if (Exit.isSuccess(exit)) setBody("")
    })
  }

  return (
    <div className="card">
      <h2>{conversation?.participant ?? "Conversation"}</h2>
      <Show result={messages} what="messages">
        {(page) => (
          <ol className="messages" aria-label="Messages">
            {[...page.data].reverse().map((m) => (
              <li key={m.id} className={`message ${m.direction}`}>
                <span>{m.body}</span>
                <span className="muted">{time(m.receivedAt)}</span>
              </li>
            ))}
          </ol>
        )}
      </Show>
      <form className="send" onSubmit={submit} aria-label="Send a message">
        <input value={body} onChange={(e) => setBody(e.target.value)} placeholder="Write a message" />
        <button type="submit" disabled={send.result.waiting || conversation === undefined}>
          {send.result.waiting ? "Sending…" : "Send"}
        </button>
      </form>
      {Result.match(send.result, {
        onInitial: () => null,
        onSuccess: () => null,
        onFailure: (error) => <ErrorBox title="Could not send" error={error} />
      })}
    </div>
  )
}

export const App = () => {
  const [callId, setCallId] = useState<string | undefined>(undefined)
  const [conversationId, setConversationId] = useState<string | undefined>(undefined)
  return (
    <main>
      <header>
        <h1>AgentPhone</h1>
        <p className="muted">Live calls and conversations, with @agentphone-effect/react against the local sandbox.</p>
      </header>
      <div className="grid">
        <section>
          <PlaceCall onPlaced={setCallId} />
          <RecentCalls selected={callId} onSelect={setCallId} />
        </section>
        <section>
          {callId === undefined
            ? (
              <div className="card">
                <p className="muted">Select a call to follow its transcript.</p>
              </div>
            )
            : <CallView key={callId} callId={callId} />}
        </section>
        <section>
          <ConversationList selected={conversationId} onSelect={setConversationId} />
          {conversationId === undefined
            ? null
            : <ConversationView key={conversationId} conversationId={conversationId} />}
        </section>
      </div>
    </main>
  )
}

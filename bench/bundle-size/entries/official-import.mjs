// Cold import of the official SDK's entry, nothing else.
import "agentphone"

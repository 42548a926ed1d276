// The example app (apps/example) is not built yet: it lands with issue #9 ("apps/example").
// Until then this prints where things stand and points to the tests, which run against local servers.
console.log("agentphone-effect: the example app against the local sandbox is not built yet (issue #9).")
console.log("Run the test suite instead: npx -y pnpm@10.34.9 run verify")

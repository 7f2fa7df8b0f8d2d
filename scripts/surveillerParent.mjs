/**
 * Loaded with `node --import` into every process `npm run cluster` starts: Linux gives Node no
 * "die with my parent" switch, so a child whose parent disappeared (kill -9 of the cluster, a
 * crashed test runner) notices its new parent id and stops itself, gently first (a worker
 * finishes its batch), then for good.
 */
const parent = process.ppid
const surveillance = setInterval(() => {
  if (process.ppid === parent) return
  clearInterval(surveillance)
  process.kill(process.pid, 'SIGTERM')
  setTimeout(() => process.exit(1), 10_000).unref()
}, 1000)
surveillance.unref()

// dynalite on 127.0.0.1 for the local cloud. Prints "listening PORT" once it accepts connections, and exits
// when its parent closes our stdin: a runner that dies, even by kill -9, takes this server with it.
'use strict'
const dynalite = require('dynalite')

const args = process.argv.slice(2)
const option = name => {
  const at = args.indexOf('--' + name)
  return at >= 0 ? args[at + 1] : undefined
}
// tables are ACTIVE at once, as nothing local waits for capacity
const server = dynalite({ path: option('path'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })

let stopping = false
function stop () {
  if (stopping) return
  stopping = true
  // closing the server also closes the LevelDB store, so an on-disk table is left whole
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 5000).unref()
}

server.on('error', e => {
  console.error('dynalite could not start: ' + e.message)
  process.exit(1)
})
server.listen(Number(option('port') || 0), '127.0.0.1', () => {
  console.log('listening ' + server.address().port)
})
process.stdin.on('end', stop)
process.stdin.on('error', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

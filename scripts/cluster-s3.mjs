/**
 * The S3-compatible bucket of `npm run cluster` (s3rver), in a process of its own: `node
 * scripts/cluster-s3.mjs <port> <folder> <bucket>`. Started with --no-experimental-require-module:
 * on Node ≥ 20.19 one of s3rver's dependencies (generator-function) would otherwise be loaded as
 * an ES module through `require` and break it. Prints « prêt » once it listens.
 */
import S3rver from 's3rver'

const [port, directory, bucket] = process.argv.slice(2)
const serveur = new S3rver({ address: '127.0.0.1', port: Number(port), silent: true, directory, configureBuckets: [{ name: bucket }] })
await serveur.run()
console.log('prêt')
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => void serveur.close().finally(() => process.exit(0)))

// A bare aedes broker in its own process (plain node, no storage, no subscribers, TCP_NODELAY as
// central's embedded broker): the baseline the ingest and backlog benchmarks compare central with.
// Prints `listening on <port>` once it listens on a free loopback port; SIGTERM stops it.
import { createServer } from 'node:net';
import { Aedes } from 'aedes';

const broker = await Aedes.createBroker();
const server = createServer({ noDelay: true }, broker.handle);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on ${server.address().port}\n`);
});
process.once('SIGTERM', () => {
  broker.close(() => server.close(() => process.exit(0)));
});
